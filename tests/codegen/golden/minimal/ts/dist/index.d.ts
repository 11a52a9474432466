// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: cf6bd1f2e59b022f7f67f44bf6e218c18d33e29883b65f39635e697ac3c98144  generator: codegen 1.0.0
/** Everything the package offers, from one place. */
export * from "./models.js";
export * from "./protocol.js";
export * from "./validators.js";
export * from "./client.js";
export type { ClientEvents, ClientOptions, ConnectionState, StateChange, Subscription } from "./types.js";
export { ConnectionError, FrameError, PayloadError, ReplyTimeoutError } from "./errors.js";
export type { WebSocketConstructor, WebSocketLike } from "./transport.js";
export type { Check, Problem } from "./validate.js";
export { backoffDelay } from "./backoff.js";
