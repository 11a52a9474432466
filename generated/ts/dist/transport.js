// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: 9c75b8cc39aed8f8e420c80c8f992917e6cc57ac1411f22fe69cac2282bbca5e  generator: codegen 1.0.0
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
