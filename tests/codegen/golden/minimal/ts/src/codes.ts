// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: ab83d7cd054a031947c5f23cfc5fb1a1994690e4fa57b56b5365d2be24141be2  generator: codegen 1.0.0
/**
 * Codes and reasons of state changes the client causes itself. A change caused by the server or
 * the network carries the close frame's code and reason instead (e.g. 1001, 1006).
 */

export interface Cause {
  readonly code: number;
  readonly reason: string;
}

export const CONNECT_CALLED: Cause = { code: 0, reason: "connect called" };
export const TRANSPORT_OPEN: Cause = { code: 0, reason: "transport open" };
export const DISCONNECT_CALLED: Cause = { code: 0, reason: "disconnect called" };
export const TRANSPORT_FAILED: Cause = { code: 1, reason: "could not create the WebSocket" };

/** Close codes the client sends (1000 is a normal closure; 4000-4999 are the application's). */
export const NORMAL_CLOSURE: Cause = { code: 1000, reason: "disconnect called" };
export const KEEPALIVE_TIMEOUT: Cause = { code: 4000, reason: "keep-alive got no reply" };
export const CONNECT_TIMEOUT: Cause = { code: 4001, reason: "the handshake got no answer in time" };
