// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// spec-sha256: 24b7371c5a663e34ae513dead5b3916a007834225af2fb9694d24f14c2422b9f  generator: codegen 1.0.0
/** Types of every schema and message of Quotes 0.1.0. */

export type Ticker = string;

export type Venue = "X" | "Y";

export interface WatchRequestOptions {
  venue?: Venue;
}

export interface WatchRequest {
  symbol: Ticker;
  options?: WatchRequestOptions;
}

export interface WatchMessage {
  type: "quotes.watch";
  payload: WatchRequest;
}

export interface UnwatchMessage {
  type: "quotes.unwatch";
  payload: WatchRequest;
}

export interface HelloMessage {
  type: "hello";
}

export interface WatchedMessagePayload {
  topic: string;
}

export interface WatchedMessage {
  type: "quotes.watched";
  payload: WatchedMessagePayload;
}

export interface Quote {
  bid: number;
  ask: number;
  size: number;
  tags?: Array<string>;
}

export interface TickMessage {
  type: "quotes.tick";
  topic: string;
  payload: Quote;
}

export interface WelcomeMessage {
  type: "welcome";
}

/** Every Venue, in spec order. */
export const VENUE_VALUES: readonly Venue[] = ["X", "Y"];

/** Any message a client sends. */
export type ClientMessage = WatchMessage | UnwatchMessage | HelloMessage;
export const CLIENT_TYPES: readonly ClientMessage["type"][] = ["quotes.watch", "quotes.unwatch", "hello"];

/** Any message the server sends. */
export type ServerMessage = WatchedMessage | TickMessage | WelcomeMessage;
export const SERVER_TYPES: readonly ServerMessage["type"][] = ["quotes.watched", "quotes.tick", "welcome"];
