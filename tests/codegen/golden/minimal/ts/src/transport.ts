// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 3d2bb455002edcdc536e391600a54a7d5af0e6d94203a7f1f6b35e9bf1f2efbd  generator: codegen 1.0.0
/** The slice of a WebSocket the client uses: the browser's WebSocket and the `ws` package both fit. */

// Method syntax makes the event parameter bivariant, so handlers typed with the browser's or
// `ws`'s richer event types are accepted.
type Handler<E> = { handle(event: E): void }["handle"];

export interface WebSocketLike {
  readonly readyState: number;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ readonly data: unknown }> | null;
  onclose: Handler<{ readonly code: number; readonly reason: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** readyState of an open socket (WebSocket.OPEN). */
export const OPEN = 1;

/** The global WebSocket: browsers, Deno, Bun, Node >= 22. Node 20 needs the `ws` package's, injected. */
export function globalWebSocket(): WebSocketConstructor {
  const ctor = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (ctor === undefined) {
    throw new TypeError("no global WebSocket here: pass one as the `WebSocket` option (in Node, the `ws` package's)");
  }
  return ctor;
}

/** Stop listening to a socket we are done with, so its late events cannot reach the client. */
export function detach(socket: WebSocketLike): void {
  socket.onopen = socket.onmessage = socket.onclose = null;
  socket.onerror = () => {}; // `ws` throws an error event nobody listens to
}
