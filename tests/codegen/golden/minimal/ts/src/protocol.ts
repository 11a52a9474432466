// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 09b090d7508f3f0ae0763c17398441e25d5c2d38e00ffa469ee0ee2ee385b7c6  generator: codegen 1.0.0
/** Connection rules, close codes and topic names of Quotes. */

import type { Ticker, Venue, WatchRequest } from "./models.js";

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

/** A WebSocket close code and reason; `reason` may hold `{heartbeat_interval}`-style fields. */
export interface CloseRule {
  readonly code: number;
  readonly name: string;
  readonly reason: string;
  /** Whether reconnecting can help (false after bad input: it would only be refused again). */
  readonly retry: boolean;
}

/** Error code -> how the server closes the connection after its `error` message. */
export const CLOSE_RULES: Readonly<Record<string, CloseRule>> = {
  "invalid_json": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame", retry: false },
  "invalid_frame": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame", retry: false },
  "unknown_type": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame", retry: false },
  "validation_error": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame", retry: false },
};
export const GOING_AWAY: CloseRule = { code: 1001, name: "GOING_AWAY", reason: "Bye", retry: true };

/** The topic name `quotes:{symbol}:{venue}`. */
export function quotesTopic(symbol: Ticker, venue: Venue): string {
  return `quotes:${symbol}:${venue}`;
}

/** The topic a `quotes.watch` or `quotes.unwatch` payload names, defaults applied. */
export function quotesTopicOf(payload: WatchRequest): string {
  return quotesTopic(payload.symbol, (payload.options?.venue ?? "X"));
}
