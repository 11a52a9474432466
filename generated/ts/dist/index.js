// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: a3fea4a0fe40a6517232ecbe96c3475c645fffa3f127fd44469f5ccb3110cdb9  generator: codegen 1.0.0
/** Everything the package offers, from one place. */
export * from "./models.js";
export * from "./protocol.js";
export * from "./validators.js";
export * from "./client.js";
export { ConnectionError, FrameError, PayloadError, ReplyTimeoutError } from "./errors.js";
export { backoffDelay } from "./backoff.js";
