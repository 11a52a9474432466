/** Everything the package offers, from one place. */

export * from "./models.js";
export * from "./protocol.js";
export * from "./families.js";
export * from "./validators.js";
export * from "./client.js";
export * from "./orderbook.js";
export type { ClientEvents, ClientOptions, ConnectionState, StateChange, Subscription } from "./types.js";
export { ConnectionError, FrameError, PayloadError, ReplyTimeoutError } from "./errors.js";
export type { WebSocketConstructor, WebSocketLike } from "./transport.js";
export type { Check, Problem } from "./validate.js";
export { backoffDelay } from "./backoff.js";
