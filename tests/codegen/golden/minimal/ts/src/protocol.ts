// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: b762b1e02439fa152ddd728371a82fe26318210d06fe036ee1b5e3a5b3588d80  generator: codegen 1.0.0
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
}

/** Error code -> how the server closes the connection after its `error` message. */
export const CLOSE_RULES: Readonly<Record<string, CloseRule>> = {
  "invalid_json": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame" },
  "invalid_frame": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame" },
  "unknown_type": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame" },
  "validation_error": { code: 1003, name: "UNSUPPORTED_DATA", reason: "Bad frame" },
};
export const GOING_AWAY: CloseRule = { code: 1001, name: "GOING_AWAY", reason: "Bye" };

/** The topic name `quotes:{symbol}:{venue}`. */
export function quotesTopic(symbol: Ticker, venue: Venue): string {
  return `quotes:${symbol}:${venue}`;
}

/** The topic a `quotes.watch` or `quotes.unwatch` payload names, defaults applied. */
export function quotesTopicOf(payload: WatchRequest): string {
  return quotesTopic(payload.symbol, (payload.options?.venue ?? "X"));
}
