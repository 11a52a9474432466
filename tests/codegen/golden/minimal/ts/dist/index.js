// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 9d77c101f561b38bad37955427e1cee935d56e233bafb0db0542be00644564ab  generator: codegen 1.0.0
/** Everything the package offers, from one place. */
export * from "./models.js";
export * from "./protocol.js";
export * from "./families.js";
export * from "./validators.js";
export * from "./client.js";
export { ConnectionError, FrameError, PayloadError, ReplyTimeoutError } from "./errors.js";
export { backoffDelay } from "./backoff.js";
