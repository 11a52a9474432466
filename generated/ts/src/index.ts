// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: 9fb616c9678236ad87af17468dac8272f4aabbba600ea3dc1822128721036629  generator: codegen 1.0.0
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
