// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: ab191ef72b6d2f48bad059908e4f9fcddc1399ec42737b52d9fecb28e0e6c30b  generator: codegen 1.0.0
/** Everything the package offers, from one place. */
export * from "./models.js";
export * from "./protocol.js";
export * from "./families.js";
export * from "./validators.js";
export * from "./client.js";
export * from "./orderbook.js";
export { ConnectionError, FrameError, PayloadError, ReplyTimeoutError } from "./errors.js";
export { backoffDelay } from "./backoff.js";
