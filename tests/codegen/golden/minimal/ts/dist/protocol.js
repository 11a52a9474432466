// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 07c7002c0d451ba446c6d561313c4d3a68a6a78b4046664d072dee59d6408ad1  generator: codegen 1.0.0
/** Connection rules, close codes and topic names of Quotes. */
export const TITLE = "Quotes";
export const VERSION = "0.1.0";
/** The WebSocket endpoint path. */
export const PATH = "/ws";
/** The first server's URL joined with the path: where the client connects by default. */
export const DEFAULT_URL = "ws://localhost:9000/ws";
/** The server closes a connection that sends nothing valid for this long (ms). */
export const HEARTBEAT_INTERVAL_MS = 10000;
/** The server closes every connection after this long (ms); the client reconnects. */
export const CONNECTION_LIFESPAN_MS = 60000;
/** Error code -> how the server closes the connection after its `error` message. */
export const CLOSE_RULES = {
    "invalid_json": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame", retry: false },
    "invalid_frame": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame", retry: false },
    "unknown_type": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame", retry: false },
    "validation_error": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame", retry: false },
};
export const GOING_AWAY = { code: 1001, name: "GOING_AWAY", reason: "Bye", retry: true };
/** The topic name `quotes:{symbol}:{venue}`. */
export function quotesTopic(symbol, venue) {
    return `quotes:${symbol}:${venue}`;
}
/** The topic a `quotes.watch` or `quotes.unwatch` payload names, defaults applied. */
export function quotesTopicOf(payload) {
    return quotesTopic(payload.symbol, (payload.options?.venue ?? "X"));
}
