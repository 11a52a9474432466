// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 0fd44ee157a9c01b54f02c0de90ab6cc8c6172f0dd7a44bc2bdfdf912a7c2b6a  generator: codegen 1.0.0
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
