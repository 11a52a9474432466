// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// spec-sha256: 0c1c548a23076530bcd315eb0881788136cf34c88bd8c94cbcf0c7cabf603226  generator: codegen 1.0.0
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
