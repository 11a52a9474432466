// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 8474dc288c32e3e7ce877e34b4ef75330b0f552b17ac8c280e41c9f3509175d3  generator: codegen 1.0.0
/** Connection rules, close codes and topic names of Trading WebSockets. */
import type { BookRequest, Depth, Resolution, SubscriptionRequest, SymbolRequest, Ticker } from "./models.js";
export declare const TITLE = "Trading WebSockets";
export declare const VERSION = "2.1.0";
/** The WebSocket endpoint path. */
export declare const PATH = "/api/v1/ws";
/** The first server's URL joined with the path: where the client connects by default. */
export declare const DEFAULT_URL = "ws://localhost:8000/api/v1/ws";
/** The server closes a connection that sends nothing valid for this long (ms). */
export declare const HEARTBEAT_INTERVAL_MS = 30000;
/** The server closes every connection after this long (ms); the client reconnects. */
export declare const CONNECTION_LIFESPAN_MS = 3600000;
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
export declare const INTERNAL_ERROR: CloseRule;
export declare const TRY_AGAIN_LATER: CloseRule;
/** The topic name `bars:{symbol}:{resolution}`. */
export declare function barsTopic(symbol: Ticker, resolution: Resolution): string;
/** The topic a `bars.subscribe` or `bars.unsubscribe` payload names, defaults applied. */
export declare function barsTopicOf(payload: SubscriptionRequest): string;
/** The topic name `quotes:{symbol}`. */
export declare function quotesTopic(symbol: Ticker): string;
/** The topic a `quotes.subscribe` or `quotes.unsubscribe` payload names, defaults applied. */
export declare function quotesTopicOf(payload: SymbolRequest): string;
/** The topic name `trades:{symbol}`. */
export declare function tradesTopic(symbol: Ticker): string;
/** The topic a `trades.subscribe` or `trades.unsubscribe` payload names, defaults applied. */
export declare function tradesTopicOf(payload: SymbolRequest): string;
/** The topic name `orderbook:{symbol}:{depth}`. */
export declare function orderbookTopic(symbol: Ticker, depth: Depth): string;
/** The topic a `orderbook.subscribe` or `orderbook.unsubscribe` payload names, defaults applied. */
export declare function orderbookTopicOf(payload: BookRequest): string;
