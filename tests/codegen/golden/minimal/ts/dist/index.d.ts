// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: d89c563ed1da0d50156065e156018de093fbcf2a0b166cc32cbdfc93ae353173  generator: codegen 1.0.0
/** Everything the package offers, from one place. */
export * from "./models.js";
export * from "./protocol.js";
export * from "./families.js";
export * from "./validators.js";
export * from "./client.js";
export type { ClientEvents, ClientOptions, ConnectionState, StateChange, Subscription } from "./types.js";
export { ConnectionError, FrameError, PayloadError, ReplyTimeoutError } from "./errors.js";
export type { WebSocketConstructor, WebSocketLike } from "./transport.js";
export type { Check, Problem } from "./validate.js";
export { backoffDelay } from "./backoff.js";
