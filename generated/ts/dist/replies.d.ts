// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: e8c86fe408b0038c0adf750c103df4515931b13c788fb6a56dcbf59b4f6deb03  generator: codegen 1.0.0
/**
 * Requests waiting for their replies, matched first-in first-out per reply type: the server
 * answers each connection's requests in order and frames carry no request ids.
 */
export declare class ReplyQueues {
    private readonly queues;
    /** The next `replyType` frame not yet claimed by an earlier request; rejects after `timeoutMs`. */
    expect(replyType: string, requestType: string, timeoutMs: number): Promise<unknown>;
    /** Hand a reply to the oldest request waiting for its type; false when none is. */
    settle(replyType: string, reply: unknown): boolean;
    /** The connection is gone and so are its replies: fail every waiting request. */
    rejectAll(error: Error): void;
}
