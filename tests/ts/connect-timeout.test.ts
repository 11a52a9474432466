/** A handshake nobody answers counts as a failed attempt: the client backs off and tries again. */

import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import { test } from "node:test";
import WebSocket from "ws";
import { TradingWebSocketsClient, type StateChange } from "../../generated/ts/src/index.js";
import { eventually } from "./fake-server.js";

test("a silent handshake times out into reconnecting, with a new retry time each attempt", async (t) => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket)); // accepts TCP, never answers
  silent.listen(0, "127.0.0.1");
  await once(silent, "listening");
  const address = silent.address();
  assert.ok(address !== null && typeof address === "object");
  const client = new TradingWebSocketsClient(`ws://127.0.0.1:${address.port}/api/v1/ws`, {
    WebSocket,
    connectTimeout: 100,
    backoffBase: 10,
    backoffCap: 20,
  });
  const states: StateChange[] = [];
  client.on("state", (change) => states.push(change));
  t.after(() => {
    client.disconnect();
    for (const socket of sockets) socket.destroy();
    silent.close();
  });

  void client.connect().catch(() => {});
  await eventually(() => states.filter((s) => s.newState === "reconnecting").length >= 2, "two timed-out attempts");
  const retries = states.filter((s) => s.newState === "reconnecting");
  assert.deepEqual(retries.slice(0, 2).map((s) => [s.code, s.reason]), [
    [4001, "the handshake got no answer in time"],
    [4001, "the handshake got no answer in time"],
  ]);
  assert.ok((retries[1]?.nextRetryAt ?? 0) > (retries[0]?.nextRetryAt ?? Infinity));
  assert.ok(sockets.length >= 2, "each attempt opened a new TCP connection");
});
