// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: dfd4c3c328d8511060f95cd631861b67e4904fd55321092cb55ec2f8c726b26a  generator: codegen 1.0.0
/** Connection rules, close codes and topic names of Trading WebSockets. */
import type { Resolution, SubscriptionRequest, Ticker } from "./models.js";
export declare const TITLE = "Trading WebSockets";
export declare const VERSION = "2.0.0";
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
