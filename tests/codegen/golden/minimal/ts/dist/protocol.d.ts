// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 5dfa378f77ca2fd9225f4afe4db1a497da47e6965d7d0259f0a741d1ad91c670  generator: codegen 1.0.0
/** Connection rules, close codes and topic names of Quotes. */
import type { Ticker, Venue, WatchRequest } from "./models.js";
export declare const TITLE = "Quotes";
export declare const VERSION = "0.1.0";
/** The WebSocket endpoint path. */
export declare const PATH = "/ws";
/** The first server's URL joined with the path: where the client connects by default. */
export declare const DEFAULT_URL = "ws://localhost:9000/ws";
/** The server closes a connection that sends nothing valid for this long (ms). */
export declare const HEARTBEAT_INTERVAL_MS = 10000;
/** The server closes every connection after this long (ms); the client reconnects. */
export declare const CONNECTION_LIFESPAN_MS = 60000;
/** A WebSocket close code and reason; `reason` may hold `{heartbeat_interval}`-style fields. */
export interface CloseRule {
    readonly code: number;
    readonly name: string;
    readonly reason: string;
    /** Whether reconnecting can help (false after bad input: it would only be refused again). */
    readonly retry: boolean;
}
/** Error code -> how the server closes the connection after its `error` message. */
export declare const CLOSE_RULES: Readonly<Record<string, CloseRule>>;
export declare const GOING_AWAY: CloseRule;
/** The topic name `quotes:{symbol}:{venue}`. */
export declare function quotesTopic(symbol: Ticker, venue: Venue): string;
/** The topic a `quotes.watch` or `quotes.unwatch` payload names, defaults applied. */
export declare function quotesTopicOf(payload: WatchRequest): string;
