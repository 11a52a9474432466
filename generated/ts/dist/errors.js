// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: f695d7099cfc4d4324dea8f92f3f2cba454ffe2662645188cca9b8f34ec3ac3d  generator: codegen 1.0.0
/** What the client's promises reject with and its `error` event carries. */
/** A frame that breaks its schema; thrown before anything is sent. */
export class PayloadError extends Error {
    name = "PayloadError";
    type;
    problems;
    constructor(type, problems) {
        const details = problems.map((p) => `${p.path || "/"} ${p.message}`).join("; ");
        super(`invalid ${type} frame: ${details}`);
        this.type = type;
        this.problems = problems;
    }
}
/** The reply to a request did not come within the client's `replyTimeout`. */
export class ReplyTimeoutError extends Error {
    name = "ReplyTimeoutError";
    type;
    constructor(type, replyType, timeoutMs) {
        super(`no ${replyType} reply to ${type} within ${timeoutMs} ms`);
        this.type = type;
    }
}
/** There is no open connection to send on, or it closed before the reply came. */
export class ConnectionError extends Error {
    name = "ConnectionError";
}
/** A frame from the server that is not a JSON object with a string `type`. */
export class FrameError extends Error {
    name = "FrameError";
}
