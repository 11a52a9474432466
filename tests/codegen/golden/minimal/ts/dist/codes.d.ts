// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 6b77381e8e4802baffa37736341190b1a9d8d40ed3d0f93572bc3e617b06c53c  generator: codegen 1.0.0
/**
 * Codes and reasons of state changes the client causes itself. A change caused by the server or
 * the network carries the close frame's code and reason instead (e.g. 1001, 1006).
 */
export interface Cause {
    readonly code: number;
    readonly reason: string;
}
export declare const CONNECT_CALLED: Cause;
export declare const TRANSPORT_OPEN: Cause;
export declare const DISCONNECT_CALLED: Cause;
export declare const TRANSPORT_FAILED: Cause;
/** Close codes the client sends (1000 is a normal closure; 4000-4999 are the application's). */
export declare const NORMAL_CLOSURE: Cause;
export declare const KEEPALIVE_TIMEOUT: Cause;
export declare const CONNECT_TIMEOUT: Cause;
