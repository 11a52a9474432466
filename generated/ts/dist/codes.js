// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 68866042c71032455a1c5728492e72653c955706f0106238299b1895fd241c47  generator: codegen 1.0.0
/**
 * Codes and reasons of state changes the client causes itself. A change caused by the server or
 * the network carries the close frame's code and reason instead (e.g. 1001, 1006).
 */
export const CONNECT_CALLED = { code: 0, reason: "connect called" };
export const TRANSPORT_OPEN = { code: 0, reason: "transport open" };
export const DISCONNECT_CALLED = { code: 0, reason: "disconnect called" };
export const TRANSPORT_FAILED = { code: 1, reason: "could not create the WebSocket" };
/** Close codes the client sends (1000 is a normal closure; 4000-4999 are the application's). */
export const NORMAL_CLOSURE = { code: 1000, reason: "disconnect called" };
export const KEEPALIVE_TIMEOUT = { code: 4000, reason: "keep-alive got no reply" };
export const CONNECT_TIMEOUT = { code: 4001, reason: "the handshake got no answer in time" };
