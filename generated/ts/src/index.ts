// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: 1ee994e920610f73080e5f2cbb1d6b4e0d3d36f2816f33f2ed1d8368b9463659  generator: codegen 1.0.0
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
