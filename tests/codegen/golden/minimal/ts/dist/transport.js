// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 8ff00e49f3f61646863f1b939c67afc7d5c33225b08d2d1ca59f2acb67768d03  generator: codegen 1.0.0
/** The slice of a WebSocket the client uses: the browser's WebSocket and the `ws` package both fit. */
/** readyState of an open socket (WebSocket.OPEN). */
export const OPEN = 1;
/** The global WebSocket: browsers, Deno, Bun, Node >= 22. Node 20 needs the `ws` package's, injected. */
export function globalWebSocket() {
    const ctor = globalThis.WebSocket;
    if (ctor === undefined) {
        throw new TypeError("no global WebSocket here: pass one as the `WebSocket` option (in Node, the `ws` package's)");
    }
    return ctor;
}
/** Stop listening to a socket we are done with, so its late events cannot reach the client. */
export function detach(socket) {
    socket.onopen = socket.onmessage = socket.onclose = null;
    socket.onerror = () => { }; // `ws` throws an error event nobody listens to
}
