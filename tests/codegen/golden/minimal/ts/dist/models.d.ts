// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: bc3c60258a18a1ad5b560759b1c036950730244706c7a912835eadb759f80ae3  generator: codegen 1.0.0
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
export declare const VENUE_VALUES: readonly Venue[];
/** Any message a client sends. */
export type ClientMessage = WatchMessage | UnwatchMessage | HelloMessage;
export declare const CLIENT_TYPES: readonly ClientMessage["type"][];
/** Any message the server sends. */
export type ServerMessage = WatchedMessage | TickMessage | WelcomeMessage;
export declare const SERVER_TYPES: readonly ServerMessage["type"][];
