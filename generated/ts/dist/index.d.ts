// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 30473ebaf0cc01b0ee0ac862a98ce3f680d77ff8c00d7f119931ae66ccd30037  generator: codegen 1.0.0
/** Everything the package offers, from one place. */
export * from "./models.js";
export * from "./protocol.js";
export * from "./families.js";
export * from "./validators.js";
export * from "./client.js";
export * from "./orderbook.js";
export type { ClientEvents, ClientOptions, ConnectionState, StateChange, Subscription } from "./types.js";
export { ConnectionError, FrameError, PayloadError, ReplyTimeoutError } from "./errors.js";
export type { WebSocketConstructor, WebSocketLike } from "./transport.js";
export type { Check, Problem } from "./validate.js";
export { backoffDelay } from "./backoff.js";
