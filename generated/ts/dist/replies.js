// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 9371c53a50fc720d9f9c9ab4d836d43bd38e1482f27f1859c899fb1f62d9360f  generator: codegen 1.0.0
/**
 * Requests waiting for their replies, matched first-in first-out per reply type: the server
 * answers each connection's requests in order and frames carry no request ids.
 */
import { ReplyTimeoutError } from "./errors.js";
export class ReplyQueues {
    queues = new Map();
    /** The next `replyType` frame not yet claimed by an earlier request; rejects after `timeoutMs`. */
    expect(replyType, requestType, timeoutMs) {
        return new Promise((resolve, reject) => {
            const waiter = {
                resolve,
                reject,
                settled: false,
                timer: setTimeout(() => {
                    // It stays queued: should its reply still come, it must not be taken for a later one's.
                    waiter.settled = true;
                    reject(new ReplyTimeoutError(requestType, replyType, timeoutMs));
                }, timeoutMs),
            };
            const queue = this.queues.get(replyType) ?? [];
            queue.push(waiter);
            this.queues.set(replyType, queue);
        });
    }
    /** Hand a reply to the oldest request waiting for its type; false when none is. */
    settle(replyType, reply) {
        const waiter = this.queues.get(replyType)?.shift();
        if (waiter === undefined)
            return false;
        clearTimeout(waiter.timer);
        if (!waiter.settled)
            waiter.resolve(reply);
        waiter.settled = true;
        return true;
    }
    /** The connection is gone and so are its replies: fail every waiting request. */
    rejectAll(error) {
        for (const waiter of [...this.queues.values()].flat()) {
            clearTimeout(waiter.timer);
            if (!waiter.settled)
                waiter.reject(error);
            waiter.settled = true;
        }
        this.queues.clear();
    }
}
