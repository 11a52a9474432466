// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 8f04230a509484db9172ef35540943272e929205eaaf1405fe0f28944cac98ac  generator: codegen 1.0.0
/** What the client's promises reject with and its `error` event carries. */

import type { Problem } from "./validate.js";

/** A frame that breaks its schema; thrown before anything is sent. */
export class PayloadError extends Error {
  override readonly name = "PayloadError";
  readonly type: string;
  readonly problems: readonly Problem[];

  constructor(type: string, problems: readonly Problem[]) {
    const details = problems.map((p) => `${p.path || "/"} ${p.message}`).join("; ");
    super(`invalid ${type} frame: ${details}`);
    this.type = type;
    this.problems = problems;
  }
}

/** The reply to a request did not come within the client's `replyTimeout`. */
export class ReplyTimeoutError extends Error {
  override readonly name = "ReplyTimeoutError";
  readonly type: string;

  constructor(type: string, replyType: string, timeoutMs: number) {
    super(`no ${replyType} reply to ${type} within ${timeoutMs} ms`);
    this.type = type;
  }
}

/** There is no open connection to send on, or it closed before the reply came. */
export class ConnectionError extends Error {
  override readonly name = "ConnectionError";
}

/** A frame from the server that is not a JSON object with a string `type`. */
export class FrameError extends Error {
  override readonly name = "FrameError";
}
