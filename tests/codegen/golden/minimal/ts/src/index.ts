// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: aaa9306c18a71ce674f0a635907fab5a5029f369fd433c54eefaeaf1aa961a61  generator: codegen 1.0.0
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
