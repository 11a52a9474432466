/**
 * The spec check of the e2e tests (support/spec-frames.ts) catches what it must: frames that match
 * no message, travel the wrong way or break their schema, on a real `ws` connection too.
 */

import assert from "node:assert/strict";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { WebSocketServer } from "ws";
import { SpecCheckedWebSocket, specFrames } from "./support/spec-frames.js";

const UPDATE = { type: "bars.update", topic: "bars:AAPL:1", epoch: "e1", seq: 1, payload: { time: 1, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 } };
const SUBSCRIBE = { type: "bars.subscribe", payload: { symbol: "AAPL", params: { resolution: "1" } } };

test("frames the spec allows pass, in their own direction", () => {
  specFrames.takeViolations();
  specFrames.check(JSON.stringify(SUBSCRIBE), "client");
  specFrames.check(JSON.stringify({ type: "ping" }), "client");
  specFrames.check(JSON.stringify(UPDATE), "server");
  specFrames.check(JSON.stringify({ type: "pong" }), "server");
  assert.deepEqual(specFrames.takeViolations(), []);
});

test("frames that break the spec are each reported", () => {
  const bad: Array<[unknown, "client" | "server", RegExp]> = [
    [{ type: "bars.snapshot", payload: {} }, "server", /matches no message of the spec \(type "bars\.snapshot"\)/],
    [{ payload: {} }, "client", /matches no message of the spec \(type undefined\)/],
    [{ type: "ping" }, "server", /ping is sent by the client, not the server/],
    [{ ...SUBSCRIBE, payload: { symbol: "AAPL", params: { resolution: "7" } } }, "client", /\/payload\/params\/resolution/],
    [{ ...UPDATE, payload: { ...UPDATE.payload, high: "2" } }, "server", /\/payload\/high must be number/],
    [{ ...UPDATE, topic: undefined }, "server", /must have required property 'topic'/],
  ];
  for (const [frame, direction, problem] of bad) {
    specFrames.check(JSON.stringify(frame), direction);
    const violations = specFrames.takeViolations();
    assert.equal(violations.length, 1, JSON.stringify(frame));
    assert.match(violations[0] ?? "", problem);
  }
  specFrames.check("{not json", "server");
  specFrames.check(null, "server");
  assert.deepEqual(specFrames.takeViolations(), [
    "server sent a frame that is not JSON: {not json",
    "server sent a binary frame; the spec has none",
  ]);
});

test("SpecCheckedWebSocket checks what it sends and what it receives", async (t) => {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  t.after(() => server.close());
  await once(server, "listening");
  server.on("connection", (socket) => socket.on("message", () => socket.send(JSON.stringify({ type: "bars.snapshot" }))));
  const socket = new SpecCheckedWebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  t.after(() => socket.close());
  await once(socket, "open");
  specFrames.takeViolations();
  socket.send(JSON.stringify({ type: "bars.subscribe", payload: {} }));
  await once(socket, "message");
  assert.deepEqual(specFrames.takeViolations(), [
    'client frame {"type":"bars.subscribe","payload":{}}: /payload must have required property \'symbol\'',
    'server frame {"type":"bars.snapshot"}: matches no message of the spec (type "bars.snapshot")',
  ]);
});
