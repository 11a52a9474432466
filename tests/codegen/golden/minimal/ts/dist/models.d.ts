// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 1c36751246187d5891e6e33ba2dd87c9a4c6c9296b8707ad2ae2872ea8e26516  generator: codegen 1.0.0
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
export interface WatchOutcome {
    status: "ok" | "error";
    message: string;
    topic: string;
    symbol?: Ticker;
    code?: string;
}
export interface WatchedMessage {
    type: "quotes.watched";
    payload: WatchOutcome;
}
export interface UnwatchedMessage {
    type: "quotes.unwatched";
    payload: WatchOutcome;
}
export interface Quote {
    time: number;
    bid: number;
    ask: number;
    size: number;
    tags?: Array<string>;
}
export interface TickMessage {
    type: "quotes.tick";
    topic: string;
    epoch: string;
    seq: number;
    payload: Quote;
}
export interface WelcomeMessage {
    type: "welcome";
}
/** Every Venue, in spec order. */
export declare const VENUE_VALUES: readonly Venue[];
/** Any message a client sends. */
export type ClientMessage = WatchMessage | UnwatchMessage | HelloMessage;
export declare const CLIENT_TYPES: readonly ClientMessage["type"][];
/** Any message the server sends. */
export type ServerMessage = WatchedMessage | UnwatchedMessage | TickMessage | WelcomeMessage;
export declare const SERVER_TYPES: readonly ServerMessage["type"][];
