// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 2200607cdb1c534994daccceb79f7c4db7381a70b90028635f563c14143efa29  generator: codegen 1.0.0
/**
 * Requests waiting for their replies, matched first-in first-out per reply type: the server
 * answers each connection's requests in order and frames carry no request ids.
 */

import { ReplyTimeoutError } from "./errors.js";

interface Waiter {
  readonly resolve: (reply: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  settled: boolean;
}

export class ReplyQueues {
  private readonly queues = new Map<string, Waiter[]>();

  /** The next `replyType` frame not yet claimed by an earlier request; rejects after `timeoutMs`. */
  expect(replyType: string, requestType: string, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
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
  settle(replyType: string, reply: unknown): boolean {
    const waiter = this.queues.get(replyType)?.shift();
    if (waiter === undefined) return false;
    clearTimeout(waiter.timer);
    if (!waiter.settled) waiter.resolve(reply);
    waiter.settled = true;
    return true;
  }

  /** The connection is gone and so are its replies: fail every waiting request. */
  rejectAll(error: Error): void {
    for (const waiter of [...this.queues.values()].flat()) {
      clearTimeout(waiter.timer);
      if (!waiter.settled) waiter.reject(error);
      waiter.settled = true;
    }
    this.queues.clear();
  }
}
