/** The generated TypeScript client against the in-process fake server (fake-server.ts). */

import assert from "node:assert/strict";
import { test, type TestContext } from "node:test";
import WebSocket from "ws";
import {
  ConnectionError,
  PayloadError,
  ReplyTimeoutError,
  TradingWebSocketsClient,
  type Bar,
  type ClientOptions,
  type StateChange,
} from "../../generated/ts/src/index.js";
import { BAR, eventually, FakeServer, type FakeServerOptions } from "./fake-server.js";

// Short timers keep every test well under a second; keep-alive is off unless a test turns it on.
const FAST: ClientOptions = {
  WebSocket,
  replyTimeout: 500,
  keepAliveInterval: 60_000,
  backoffBase: 10,
  backoffCap: 50,
};

async function setup(t: TestContext, serverOptions: FakeServerOptions = {}, options: ClientOptions = {}) {
  const server = await FakeServer.start({ firstUpdate: () => BAR, ...serverOptions });
  const client = new TradingWebSocketsClient(server.url, { ...FAST, ...options });
  const states: StateChange[] = [];
  client.on("state", (change) => states.push(change));
  t.after(async () => {
    client.disconnect();
    await server.close();
  });
  return { server, client, states };
}

const transitions = (states: StateChange[]) => states.map((s) => `${s.oldState}->${s.newState}`);

test("connects and reports each state change once, with a code and a reason", async (t) => {
  const { server, client, states } = await setup(t);
  await client.connect();
  await client.connect(); // already connected: no change, no event
  assert.equal(client.state, "connected");
  assert.equal(server.connections.length, 1);
  assert.deepEqual(states, [
    { oldState: "disconnected", newState: "connecting", code: 0, reason: "connect called" },
    { oldState: "connecting", newState: "connected", code: 0, reason: "transport open" },
  ]);
});

test("routes each topic's updates to its own callback only", async (t) => {
  const { server, client } = await setup(t);
  await client.connect();
  const aapl: Array<[Bar, string]> = [];
  const msft: Array<[Bar, string]> = [];
  const aaplRequest = { symbol: "AAPL", params: { resolution: "5" } } as const;
  const a = client.subscribeBars(aaplRequest, (bar, topic) => aapl.push([bar, topic]));
  const m = client.subscribeBars({ symbol: "MSFT" }, (bar, topic) => msft.push([bar, topic]));
  assert.equal(a.topic, "bars:AAPL:5");
  assert.equal(m.topic, "bars:MSFT:1"); // the spec's default resolution
  assert.equal((await a.ready).message, "Subscribed to AAPL");
  assert.equal((await m.ready).topic, "bars:MSFT:1");

  server.publish("bars:AAPL:5", { ...BAR, close: 152 });
  await client.ping(); // replies come in order: every earlier update has been delivered now
  assert.deepEqual(aapl, [[BAR, "bars:AAPL:5"], [{ ...BAR, close: 152 }, "bars:AAPL:5"]]);
  assert.deepEqual(msft, [[BAR, "bars:MSFT:1"]]); // the latest bar sent on subscribe, nothing else
});

test("after unsubscribe the callback gets nothing more", async (t) => {
  const { server, client } = await setup(t);
  await client.connect();
  const bars: Bar[] = [];
  const sub = client.subscribeBars({ symbol: "AAPL" }, (bar) => bars.push(bar));
  await sub.ready;
  await sub.unsubscribe();
  await sub.unsubscribe(); // a second call is a no-op
  assert.deepEqual(server.latest?.received.map((f) => f.type), ["bars.subscribe", "bars.unsubscribe"]);

  // Even a stray update for the topic (the server pushes it anyway) reaches no callback.
  server.broadcast({ type: "bars.update", topic: "bars:AAPL:1", epoch: "fake", seq: 9, payload: { ...BAR, close: 1 } });
  await client.ping();
  assert.deepEqual(bars, [BAR]);
});

test("reconnects with backoff after the server closes, resubscribes everything, updates flow again", async (t) => {
  const { server, client, states } = await setup(t);
  await client.connect();
  const aapl: Bar[] = [];
  const msft: Bar[] = [];
  const subs = [
    client.subscribeBars({ symbol: "AAPL" }, (bar) => aapl.push(bar)),
    client.subscribeBars({ symbol: "MSFT", params: { resolution: "D" } }, (bar) => msft.push(bar)),
  ];
  await Promise.all(subs.map((sub) => sub.ready));

  const droppedAt = Date.now();
  server.dropAll(1001, "Server shutting down");
  const resubscribed = () => server.connections[1]?.topics.size === 2 && server.connections[1];
  const second = await eventually(resubscribed, "both topics resubscribed");
  assert.deepEqual([...second.topics].sort(), ["bars:AAPL:1", "bars:MSFT:D"]);
  await eventually(() => client.state === "connected", "connected again");

  const reconnecting = states.find((s) => s.newState === "reconnecting");
  assert.ok(reconnecting);
  assert.equal(reconnecting.code, 1001);
  assert.equal(reconnecting.reason, "Server shutting down");
  assert.ok(reconnecting.nextRetryAt !== undefined && reconnecting.nextRetryAt >= droppedAt);
  assert.ok(reconnecting.nextRetryAt < Date.now() + FAST.backoffBase!, "the first retry waits less than backoffBase");
  assert.deepEqual(transitions(states).slice(2), ["connected->reconnecting", "reconnecting->connected"]);

  server.publish("bars:AAPL:1", { ...BAR, close: 160 });
  server.publish("bars:MSFT:D", { ...BAR, close: 300 });
  await client.ping();
  assert.deepEqual(aapl.map((bar) => bar.close).slice(-1), [160]);
  assert.deepEqual(msft.map((bar) => bar.close).slice(-1), [300]);
});

test("subscribing before connect sends the subscribe once connected", async (t) => {
  const { server, client } = await setup(t);
  const bars: Bar[] = [];
  const sub = client.subscribeBars({ symbol: "AAPL" }, (bar) => bars.push(bar));
  await client.connect();
  await sub.ready;
  await eventually(() => bars.length === 1, "the latest bar");
  assert.deepEqual(server.received.map((f) => f.type), ["bars.subscribe"]);
});

test("the keep-alive pings while idle, so the server's heartbeat never closes the connection", async (t) => {
  const { server, client } = await setup(t, { heartbeatTimeout: 150 }, { keepAliveInterval: 40 });
  await client.connect();
  await eventually(() => server.received.length >= 8, "eight pings", 1_000); // ~320 ms, twice the heartbeat
  assert.ok(server.received.every((f) => f.type === "ping"));
  assert.equal(server.connections.length, 1);
  assert.equal(client.state, "connected");
});

test("a keep-alive without a reply drops the dead connection and reconnects", async (t) => {
  const { server, client, states } = await setup(t, { silent: ["ping"] }, { keepAliveInterval: 20, replyTimeout: 30 });
  await client.connect();
  const change = await eventually(() => states.find((s) => s.newState === "reconnecting"), "reconnecting");
  assert.deepEqual([change.code, change.reason], [4000, "keep-alive got no reply"]);
  await eventually(() => server.connections.length === 2, "a new connection");
});

test("an invalid payload is rejected at compile time and at run time, and nothing is sent", async (t) => {
  const { server, client } = await setup(t);
  await client.connect();
  // What plain JavaScript or an `as any` can pass once the types no longer protect.
  const badResolution = { symbol: "AAPL", params: { resolution: "7" } } as any;
  const expected = '/payload/params/resolution must be one of "1", "5", "15", "30", "60", "D", "W", "M", got "7"';

  assert.throws(
    // @ts-expect-error: "7" is no Resolution, so this does not compile
    () => client.subscribeBars({ symbol: "AAPL", params: { resolution: "7" } }, () => {}),
    PayloadError,
  );
  assert.throws(
    () => client.subscribeBars(badResolution, () => {}),
    (error: unknown) => error instanceof PayloadError && error.message === `invalid bars.subscribe frame: ${expected}`,
  );
  await assert.rejects(client.barsSubscribe(badResolution), PayloadError);
  const badSymbol = { symbol: "AAPL:1" }; // a string, so it compiles, but `:` breaks the pattern
  assert.throws(() => client.subscribeBars(badSymbol, () => {}), /\/payload\/symbol must be a string matching/);
  assert.throws(() => client.subscribeBars({} as any, () => {}), /\/payload\/symbol is required/);

  await client.ping();
  assert.deepEqual(server.received.map((f) => f.type), ["ping"]);
});

test("a request whose reply never comes rejects after the reply timeout", async (t) => {
  const { server, client } = await setup(t, { silent: ["ping"] }, { replyTimeout: 50 });
  await client.connect();
  const started = Date.now();
  await assert.rejects(
    client.ping(),
    (error: unknown) => error instanceof ReplyTimeoutError && error.message === "no pong reply to ping within 50 ms",
  );
  assert.ok(Date.now() - started >= 45);
  assert.deepEqual(server.received.map((f) => f.type), ["ping"]);
});

test("disconnect closes the socket, fails requests and stops reconnecting", async (t) => {
  const { server, client, states } = await setup(t);
  await client.connect();
  client.disconnect();
  assert.equal(client.state, "disconnected");
  const last = { oldState: "connected", newState: "disconnected", code: 0, reason: "disconnect called" };
  assert.deepEqual(states.at(-1), last);
  await assert.rejects(client.ping(), ConnectionError);
  const socket = server.latest?.socket;
  await eventually(() => socket?.readyState === socket?.CLOSED, "the server sees the close");
  assert.equal(server.connections.length, 1);
});

test("connect() rejects when disconnect() comes first or the WebSocket cannot be created", async (t) => {
  const { client } = await setup(t);
  const connecting = client.connect();
  client.disconnect();
  await assert.rejects(connecting, /disconnected: disconnect called/);

  const broken = new TradingWebSocketsClient("not a url", FAST);
  const errors: Error[] = [];
  broken.on("error", (error) => errors.push(error));
  await assert.rejects(broken.connect(), /could not create the WebSocket: Invalid URL/);
  assert.equal(broken.state, "disconnected");
  assert.equal(errors.length, 1);
});
