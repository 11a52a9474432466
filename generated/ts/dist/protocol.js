// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: f29bd12e9c21a0636cd778424cf452f337b59b2fb083ad81d32a4ad352110630  generator: codegen 1.0.0
/** Connection rules, close codes and topic names of Trading WebSockets. */
export const TITLE = "Trading WebSockets";
export const VERSION = "2.1.0";
/** The WebSocket endpoint path. */
export const PATH = "/api/v1/ws";
/** The first server's URL joined with the path: where the client connects by default. */
export const DEFAULT_URL = "ws://localhost:8000/api/v1/ws";
/** The server closes a connection that sends nothing valid for this long (ms). */
export const HEARTBEAT_INTERVAL_MS = 30000;
/** The server closes every connection after this long (ms); the client reconnects. */
export const CONNECTION_LIFESPAN_MS = 3600000;
/** Error code -> how the server closes the connection after its `error` message. */
export const CLOSE_RULES = {
    "invalid_json": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Unsupported Data", retry: false },
    "invalid_frame": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Unsupported Data", retry: false },
    "unknown_type": { code: 1003, name: "UNSUPPORTED_DATA", reason: "No matching type", retry: false },
    "validation_error": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Could not validate payload", retry: false },
    "heartbeat_timeout": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Connection timed out. Heartbeat interval {heartbeat_interval}. Max connection lifespan {max_lifespan}", retry: true },
    "lifespan_exceeded": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Connection timed out. Heartbeat interval {heartbeat_interval}. Max connection lifespan {max_lifespan}", retry: true },
    "invalid_utf8": { code: 1007, name: "INVALID_PAYLOAD", reason: "Invalid UTF-8", retry: false },
    "slow_consumer": { code: 1008, name: "POLICY_VIOLATION", reason: "Slow consumer", retry: true },
    "rate_limited": { code: 1008, name: "POLICY_VIOLATION", reason: "Rate limit exceeded: {rate_limit} messages per second", retry: true },
    "token_expired": { code: 1008, name: "POLICY_VIOLATION", reason: "Token expired", retry: true },
    "message_too_big": { code: 1009, name: "MESSAGE_TOO_BIG", reason: "Message too big", retry: false },
};
export const GOING_AWAY = { code: 1001, name: "GOING_AWAY", reason: "Server shutting down", retry: true };
export const INTERNAL_ERROR = { code: 1011, name: "INTERNAL_ERROR", reason: "Internal error", retry: true };
export const TRY_AGAIN_LATER = { code: 1013, name: "TRY_AGAIN_LATER", reason: "Server full", retry: true };
/** The topic name `bars:{symbol}:{resolution}`. */
export function barsTopic(symbol, resolution) {
    return `bars:${symbol}:${resolution}`;
}
/** The topic a `bars.subscribe` or `bars.unsubscribe` payload names, defaults applied. */
export function barsTopicOf(payload) {
    return barsTopic(payload.symbol, (payload.params?.resolution ?? "1"));
}
/** The topic name `quotes:{symbol}`. */
export function quotesTopic(symbol) {
    return `quotes:${symbol}`;
}
/** The topic a `quotes.subscribe` or `quotes.unsubscribe` payload names, defaults applied. */
export function quotesTopicOf(payload) {
    return quotesTopic(payload.symbol);
}
/** The topic name `trades:{symbol}`. */
export function tradesTopic(symbol) {
    return `trades:${symbol}`;
}
/** The topic a `trades.subscribe` or `trades.unsubscribe` payload names, defaults applied. */
export function tradesTopicOf(payload) {
    return tradesTopic(payload.symbol);
}
/** The topic name `orderbook:{symbol}:{depth}`. */
export function orderbookTopic(symbol, depth) {
    return `orderbook:${symbol}:${depth}`;
}
/** The topic a `orderbook.subscribe` or `orderbook.unsubscribe` payload names, defaults applied. */
export function orderbookTopicOf(payload) {
    return orderbookTopic(payload.symbol, (payload.params?.depth ?? 10));
}
