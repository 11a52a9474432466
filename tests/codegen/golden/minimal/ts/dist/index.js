// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// spec-sha256: 0c1c548a23076530bcd315eb0881788136cf34c88bd8c94cbcf0c7cabf603226  generator: codegen 1.0.0
/** Everything the package offers, from one place. */
export * from "./models.js";
export * from "./protocol.js";
export * from "./validators.js";
export * from "./client.js";
export { ConnectionError, FrameError, PayloadError, ReplyTimeoutError } from "./errors.js";
export { backoffDelay } from "./backoff.js";
