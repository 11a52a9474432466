/**
 * Preload for a program that brings its own `ws` WebSocket, such as examples/ts_client.ts:
 *
 *   node --import tsx --import ./tests/ts/support/check-ws-frames.ts examples/ts_client.ts URL
 *
 * Every frame any `ws` socket of the process sends or receives is checked against asyncapi.yaml
 * (spec-frames.ts). At exit it prints "spec-frames: N ..." to stderr and, should a frame break the
 * spec, the violations, and the process exits with status 1.
 */

import WebSocket from "ws";
import { specFrames, textOf } from "./spec-frames.js";

type Send = (this: WebSocket, data: unknown, ...rest: unknown[]) => void;
type Emit = (this: WebSocket, event: string | symbol, ...args: unknown[]) => boolean;

// Patched on the prototype: the program creates its sockets itself, with the class it imported.
const proto = WebSocket.prototype as unknown as { send: Send; emit: Emit };
const { send, emit } = proto;
proto.send = function (data, ...rest) {
  specFrames.check(typeof data === "string" ? data : null, "client");
  send.call(this, data, ...rest);
};
proto.emit = function (event, ...args) {
  if (event === "message") specFrames.check(textOf(args[0] as WebSocket.RawData, args[1] === true), "server");
  return emit.call(this, event, ...args);
};

process.once("exit", () => {
  const violations = specFrames.takeViolations();
  console.error(`spec-frames: ${specFrames.checked} WebSocket frames validated against asyncapi.yaml`);
  for (const violation of violations) console.error(`spec-frames: ${violation}`);
  if (violations.length > 0) process.exitCode = 1;
});
