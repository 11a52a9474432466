// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 2f235ea7af5128d36775cb443e7d26f3287a39cf73c74e655c18f7ab24f743a8  generator: codegen 1.0.0
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
