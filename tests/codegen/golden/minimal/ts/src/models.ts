// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: a119555199efdbfa28b17d431cb59b6056df5b7abbff10b31ca28b6337ee3b9a  generator: codegen 1.0.0
/** Types of every schema and message of Quotes. */

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
