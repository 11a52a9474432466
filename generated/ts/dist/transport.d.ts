// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: be4e516b9cc3098c884f6ce570ae376a610e468502915bb9f90d3dba2d41148e  generator: codegen 1.0.0
/** The slice of a WebSocket the client uses: the browser's WebSocket and the `ws` package both fit. */
type Handler<E> = {
    handle(event: E): void;
}["handle"];
export interface WebSocketLike {
    readonly readyState: number;
    onopen: Handler<unknown> | null;
    onmessage: Handler<{
        readonly data: unknown;
    }> | null;
    onclose: Handler<{
        readonly code: number;
        readonly reason: string;
    }> | null;
    onerror: Handler<unknown> | null;
    send(data: string): void;
    close(code?: number, reason?: string): void;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;
/** readyState of an open socket (WebSocket.OPEN). */
export declare const OPEN = 1;
/** The global WebSocket: browsers, Deno, Bun, Node >= 22. Node 20 needs the `ws` package's, injected. */
export declare function globalWebSocket(): WebSocketConstructor;
/** Stop listening to a socket we are done with, so its late events cannot reach the client. */
export declare function detach(socket: WebSocketLike): void;
export {};
