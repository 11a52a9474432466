// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: 9c75b8cc39aed8f8e420c80c8f992917e6cc57ac1411f22fe69cac2282bbca5e  generator: codegen 1.0.0
/** What the client's promises reject with and its `error` event carries. */
import type { Problem } from "./validate.js";
/** A frame that breaks its schema; thrown before anything is sent. */
export declare class PayloadError extends Error {
    readonly name = "PayloadError";
    readonly type: string;
    readonly problems: readonly Problem[];
    constructor(type: string, problems: readonly Problem[]);
}
/** The reply to a request did not come within the client's `replyTimeout`. */
export declare class ReplyTimeoutError extends Error {
    readonly name = "ReplyTimeoutError";
    readonly type: string;
    constructor(type: string, replyType: string, timeoutMs: number);
}
/** There is no open connection to send on, or it closed before the reply came. */
export declare class ConnectionError extends Error {
    readonly name = "ConnectionError";
}
/** A frame from the server that is not a JSON object with a string `type`. */
export declare class FrameError extends Error {
    readonly name = "FrameError";
}
