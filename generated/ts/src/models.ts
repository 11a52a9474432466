// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 84cec0b9b4bc487297ab073755b368f7ee6228c7b784b86a1ca88be01e16165c  generator: codegen 1.0.0
/** Types of every schema and message of Trading WebSockets. */

/** A ticker as the market names it: letters, digits and `. - = ^ / _`, 1 to 32 characters (`AAPL`, `BRK.B`, `BTC-USD`, `EURUSD`, `ES=F`, `^GSPC`). Case is kept; no whitespace, control characters or `:` (the topic separator). */
export type Ticker = string;

/** Bar size. Minutes (`1`, `5`, `15`, `30`, `60`), day `D`, week `W`, month `M`. */
export type Resolution = "1" | "5" | "15" | "30" | "60" | "D" | "W" | "M";

/** Parameters of a bars subscription. */
export interface BarsParams {
  resolution?: Resolution;
}

/** Which bars to (un)subscribe. */
export interface SubscriptionRequest {
  symbol: Ticker;
  params?: BarsParams;
}

export interface BarsSubscribeMessage {
  type: "bars.subscribe";
  payload: SubscriptionRequest;
}

export interface BarsUnsubscribeMessage {
  type: "bars.unsubscribe";
  payload: SubscriptionRequest;
}

export interface PingMessage {
  type: "ping";
}

/** A topic name, `bars:{symbol}:{resolution}`. */
export type Topic = string;

/** The outcome of a subscribe or unsubscribe request. */
export interface SubscriptionResponse {
  status: "ok" | "error";
  symbol: Ticker;
  /** Human-readable outcome, e.g. `Subscribed to AAPL`. */
  message: string;
  topic: Topic;
}

export interface BarsSubscribeResponseMessage {
  type: "bars.subscribe.response";
  payload: SubscriptionResponse;
}

export interface BarsUnsubscribeResponseMessage {
  type: "bars.unsubscribe.response";
  payload: SubscriptionResponse;
}

/** One OHLCV bar; `time` is the start of its bucket in UTC. */
export interface Bar {
  /** Bucket start, Unix time in milliseconds; at most 2^53 - 1, the largest integer a JavaScript number holds exactly. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Traded quantity; at most 2^53 - 1, like `time`. */
  volume: number;
}

export interface BarsUpdateMessage {
  type: "bars.update";
  topic: Topic;
  payload: Bar;
}

export interface PongMessage {
  type: "pong";
}

/** Why the server is about to close the connection. New codes may be added in any minor version (`x-extensible-enum`): clients must treat an unknown code as a generic error. */
export type ErrorCode = "invalid_json" | "invalid_frame" | "unknown_type" | "validation_error" | "heartbeat_timeout" | "lifespan_exceeded" | "message_too_big" | "slow_consumer" | "rate_limited" | "token_expired" | "invalid_utf8" | (string & {});

/** One problem found in the client's frame. */
export interface ErrorDetail {
  /** JSON pointer to the offending value in the client's frame. */
  path: string;
  message: string;
}

export interface ErrorPayload {
  code: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  errors?: Array<ErrorDetail>;
}

export interface ErrorMessage {
  type: "error";
  payload: ErrorPayload;
}

/** Every Resolution, in spec order. */
export const RESOLUTION_VALUES: readonly Resolution[] = ["1", "5", "15", "30", "60", "D", "W", "M"];

/** Every ErrorCode, in spec order. */
export const ERROR_CODE_VALUES: readonly ErrorCode[] = ["invalid_json", "invalid_frame", "unknown_type", "validation_error", "heartbeat_timeout", "lifespan_exceeded", "message_too_big", "slow_consumer", "rate_limited", "token_expired", "invalid_utf8"];

/** Any message a client sends. */
export type ClientMessage = BarsSubscribeMessage | BarsUnsubscribeMessage | PingMessage;
export const CLIENT_TYPES: readonly ClientMessage["type"][] = ["bars.subscribe", "bars.unsubscribe", "ping"];

/** Any message the server sends. */
export type ServerMessage = BarsSubscribeResponseMessage | BarsUnsubscribeResponseMessage | BarsUpdateMessage | PongMessage | ErrorMessage;
export const SERVER_TYPES: readonly ServerMessage["type"][] = ["bars.subscribe.response", "bars.unsubscribe.response", "bars.update", "pong", "error"];
