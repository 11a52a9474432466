// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: fef3a75ca3e08b5577e36072f03a9b208c16d34ad737b22fa49e6622a88dbe62  generator: codegen 1.0.0
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
