/**
 * The generated TypeScript client end to end against the REAL service: `python -m app` spawned on
 * 127.0.0.1 (support/real-server.ts), bars published through POST /api/v1/publish, and the `ws`
 * package injected as the WebSocket (Node 20 has no global one). client.test.ts covers the same
 * behaviours against an in-process fake; these prove the client and the server agree.
 *
 * Timers are short so the file runs in a few seconds: the servers' heartbeat is 1 s, the client's
 * keep-alive 300 ms, backoff 50 ms doubling up to 400 ms. Tests run one after another; each uses
 * its own symbols, so they can share a server. Servers are killed in `after()`, whatever happened.
 *
 * Every frame a client sends or receives (and every frame the server sends a bare socket) is
 * checked against asyncapi.yaml's own schemas (support/spec-frames.ts); a test whose frames break
 * the spec fails in `afterEach`.
 */

import assert from "node:assert/strict";
import { after, afterEach, before, test, type TestContext } from "node:test";
import {
  PayloadError,
  ReplyTimeoutError,
  TradingWebSocketsClient,
  type Bar,
  type ClientOptions,
  type ServerMessage,
  type StateChange,
  type SubscriptionRequest,
} from "../../generated/ts/src/index.js";
import { closeOf, eventually, makeBar, openRaw, sleep, spyWebSocket, uniqueSymbol } from "./support/helpers.js";
import { killAll, RealServer } from "./support/real-server.js";
import { SpecCheckedWebSocket, specFrames } from "./support/spec-frames.js";
// Type-checks the README's example with these strict settings (`make typecheck`); a type-only
// import, so it is never run here (tests/examples/test_ts_example.py runs it).
import type {} from "../../examples/ts_client.js";

const HEARTBEAT_S = 1;
const TIMER_SLACK_MS = 50; // how late a timer may fire on a busy machine
// A bound on each test (connect() alone would retry for ever were the server gone).
const BOUNDED = { timeout: 15_000 } as const;
const FAST = {
  WebSocket: SpecCheckedWebSocket,
  replyTimeout: 2_000,
  keepAliveInterval: 300, // well within the 1 s heartbeat
  backoffBase: 50,
  backoffCap: 400,
} satisfies ClientOptions;

const started: RealServer[] = [];
let shared: RealServer; // heartbeat 1 s; used by the tests that leave it running as it is
let frozen: RealServer; // default heartbeat (30 s): the one a test freezes with SIGSTOP

async function startServer(env: Record<string, string>): Promise<RealServer> {
  const server = await RealServer.start(env);
  started.push(server);
  return server;
}

before(async () => {
  [shared, frozen] = await Promise.all([startServer({ WS_HEARTBEAT_INTERVAL: String(HEARTBEAT_S) }), startServer({})]);
});

afterEach(() => assert.deepEqual(specFrames.takeViolations(), [], "frames that break asyncapi.yaml"));

after(async () => {
  await killAll();
  // Like the pytest fixtures: the server checked every frame it sent against asyncapi.yaml.
  assert.deepEqual(started.flatMap((server) => server.specViolations()), []);
  console.log(`spec-frames: ${specFrames.checked} WebSocket frames validated against asyncapi.yaml`);
  assert.ok(specFrames.checked > 0, "no frame was checked against the spec");
});

interface Timed extends StateChange {
  readonly at: number;
}

function newClient(t: TestContext, url: string, options: ClientOptions = {}) {
  const settings = { ...FAST, ...options };
  assert.ok(settings.WebSocket === SpecCheckedWebSocket || settings.WebSocket.prototype instanceof SpecCheckedWebSocket);
  const client = new TradingWebSocketsClient(url, settings);
  const states: Timed[] = [];
  const messages: ServerMessage[] = []; // every frame the server sent, whatever the client did with it
  const errors: Error[] = [];
  client.on("state", (change) => states.push({ ...change, at: Date.now() }));
  client.on("message", (message) => messages.push(message));
  client.on("error", (error) => errors.push(error));
  t.after(() => client.disconnect());
  return { client, states, messages, errors };
}

const transitions = (states: readonly StateChange[]) => states.map((s) => `${s.oldState}->${s.newState}`);
const updateTopics = (messages: readonly ServerMessage[]) =>
  messages.flatMap((m) => (m.type === "bars.update" ? [m.topic] : []));

test("two topics: each update reaches its own callback; after unsubscribe nothing more comes", BOUNDED, async (t) => {
  const { client, messages, errors } = newClient(t, shared.wsUrl);
  await client.connect();
  const [a, b] = [uniqueSymbol(), uniqueSymbol()];
  const [topicA, topicB] = [`bars:${a}:1`, `bars:${b}:5`];
  const gotA: Array<[Bar, string]> = [];
  const gotB: Array<[Bar, string]> = [];
  const subA = client.subscribeBars({ symbol: a, params: { resolution: "1" } }, (bar, topic) => gotA.push([bar, topic]));
  const subB = client.subscribeBars({ symbol: b, params: { resolution: "5" } }, (bar, topic) => gotB.push([bar, topic]));
  assert.equal(subA.topic, topicA);
  assert.deepEqual(await subA.ready, { status: "ok", symbol: a, message: `Subscribed to ${a}`, topic: topicA });
  assert.deepEqual(await subB.ready, { status: "ok", symbol: b, message: `Subscribed to ${b}`, topic: topicB });

  const [bar1, bar2, bar3, bar4, bar5, bar6] = [1, 2, 3, 4, 5, 6].map(makeBar) as [Bar, Bar, Bar, Bar, Bar, Bar];
  await shared.publish(a, "1", [bar1]);
  await shared.publish(b, "5", [bar2, bar3]);
  await shared.publish(a, "5", [bar4]); // same symbol, other resolution: a topic nobody here watches
  // A barrier: the server answers a connection's frames in order, after everything it queued
  // for it before, so once the pong is in, every update published above has arrived.
  await client.ping();
  assert.deepEqual(gotA, [[bar1, topicA]]);
  assert.deepEqual(gotB, [[bar2, topicB], [bar3, topicB]]);

  await subA.unsubscribe();
  await shared.publish(a, "1", [bar5]);
  await shared.publish(b, "5", [bar6]);
  await client.ping();
  assert.deepEqual(gotA, [[bar1, topicA]]);
  assert.deepEqual(gotB, [[bar2, topicB], [bar3, topicB], [bar6, topicB]]);
  // Not merely dropped by the client: the server itself sent nothing more for the topic.
  assert.deepEqual(updateTopics(messages), [topicA, topicB, topicB, topicB]);
  assert.deepEqual(
    messages.filter((m) => m.type === "bars.unsubscribe.response").map((m) => m.payload),
    [{ status: "ok", symbol: a, message: `Unsubscribed from ${a}`, topic: topicA }],
  );
  await subB.unsubscribe();
  assert.deepEqual(errors, []);
});

test("the server stops and starts again: the client reconnects with backoff, resubscribes, updates flow", BOUNDED, async (t) => {
  const server = await startServer({ WS_HEARTBEAT_INTERVAL: String(HEARTBEAT_S) });
  t.after(() => server.kill());
  const spy = spyWebSocket(); // one record per connection attempt
  const { client, states, errors } = newClient(t, server.wsUrl, { WebSocket: spy.WebSocket });
  await client.connect();
  const [a, b] = [uniqueSymbol(), uniqueSymbol()];
  const gotA: Bar[] = [];
  const gotB: Bar[] = [];
  const subs = [
    client.subscribeBars({ symbol: a }, (bar) => gotA.push(bar)),
    client.subscribeBars({ symbol: b, params: { resolution: "D" } }, (bar) => gotB.push(bar)),
  ];
  await Promise.all(subs.map((sub) => sub.ready));
  await server.publish(a, "1", [makeBar(1)]);
  await server.publish(b, "D", [makeBar(2)]);
  await eventually(() => gotA.length === 1 && gotB.length === 1, "the first updates");

  await server.stop("SIGTERM"); // a graceful stop: every client is closed with 1001
  // While the server is down every attempt is refused (1006) and the client keeps trying.
  await eventually(() => spy.sockets.length >= 4, "three reconnect attempts", 5_000);
  await server.restart(); // the same port, as after a deploy or a crash
  // From here on no user code runs: the client reconnects and replays both subscriptions itself.
  await eventually(async () => (await server.health()).topics === 2, "both topics subscribed on the new server", 5_000);
  assert.equal(client.state, "connected");
  assert.equal((await server.health()).connections, 1);
  await server.publish(a, "1", [makeBar(3)]);
  await server.publish(b, "D", [makeBar(4)]);
  await eventually(() => gotA.length === 2 && gotB.length === 2, "updates after the restart");
  assert.deepEqual([gotA, gotB], [[makeBar(1), makeBar(3)], [makeBar(2), makeBar(4)]]);

  // What the user saw: closed by the server's shutdown, a new retry time for every failed
  // attempt (a UI counts down to it), then connected again.
  const afterStop = states.slice(2);
  const failedAttempts = spy.sockets.filter((s) => s.closeCode === 1006).length;
  assert.deepEqual(
    afterStop.map((s) => [`${s.oldState}->${s.newState}`, s.code, s.reason]),
    [
      ["connected->reconnecting", 1001, "Server shutting down"],
      ...Array.from({ length: failedAttempts }, () => ["reconnecting->reconnecting", 1006, ""]),
      ["reconnecting->connected", 0, "transport open"],
    ],
  );
  const retryTimes = afterStop.slice(0, -1).map((s) => s.nextRetryAt ?? NaN);
  assert.ok(retryTimes.every((t, i) => i === 0 || t > (retryTimes[i - 1] ?? Infinity)), "each retry time is new");
  const firstRetry = afterStop[0]?.nextRetryAt ?? NaN;
  assert.ok(firstRetry - (afterStop[0]?.at ?? NaN) < FAST.backoffBase, "the first retry waits below backoffBase");

  // Backoff: the n-th attempt in a row waits a random time below min(cap, base * 2^n) (full
  // jitter), so the gap between a socket's close and the next socket stays under that ceiling
  // (plus timer slack); a success resets n.
  const sockets = spy.sockets;
  assert.deepEqual(sockets.map((s) => s.openedAt !== undefined), [true, ...sockets.slice(2).map(() => false), true]);
  assert.deepEqual(sockets.map((s) => s.closeCode), [1001, ...sockets.slice(2).map(() => 1006), undefined]);
  const gaps = sockets.slice(1).map((s, n) => {
    const ceiling = Math.min(FAST.backoffCap, FAST.backoffBase * 2 ** n);
    return { n, gap: Math.round(s.createdAt - (sockets[n]?.closedAt ?? NaN)), ceiling };
  });
  assert.ok(gaps.every(({ gap, ceiling }) => gap >= 0 && gap < ceiling + TIMER_SLACK_MS), JSON.stringify(gaps));
  assert.deepEqual(errors, []);
});

test("idle for more than two heartbeat intervals: still connected, thanks to the keep-alive", BOUNDED, async (t) => {
  const { client, states, messages } = newClient(t, shared.wsUrl);
  await client.connect();
  // A control, idle over the same time: a bare socket that sends nothing is closed by the
  // server's heartbeat, so the short heartbeat is really on.
  const bare = closeOf(await openRaw(shared.wsUrl), 5_000);

  await sleep(2.5 * HEARTBEAT_S * 1_000); // no user call at all

  assert.equal(client.state, "connected");
  assert.deepEqual(transitions(states), ["disconnected->connecting", "connecting->connected"]); // never dropped
  const pongs = messages.filter((m) => m.type === "pong").length;
  assert.ok(pongs >= 6, `the keep-alive pinged every 300 ms and got ${pongs} pongs`);
  const { code, reason, messages: bareMessages } = await bare;
  assert.equal(code, 1003);
  assert.match(reason, /^Connection timed out\. Heartbeat interval 1\.0\./);
  assert.equal(bareMessages[0]?.type === "error" && bareMessages[0].payload.code, "heartbeat_timeout");
  await client.ping(); // and the connection works
});

test("an invalid resolution: a compile error, a clear runtime error, and never sent", BOUNDED, async (t) => {
  const { WebSocket: Spy, sent } = spyWebSocket();
  const { client, states, messages } = newClient(t, shared.wsUrl, { WebSocket: Spy });
  await client.connect();
  const symbol = uniqueSymbol();
  const problem = '/payload/params/resolution must be one of "1", "5", "15", "30", "60", "D", "W", "M", got "7"';

  assert.throws(
    // @ts-expect-error -- "7" is no Resolution: this does not compile (tsc fails should it ever compile)
    () => client.subscribeBars({ symbol, params: { resolution: "7" } }, () => {}),
    { name: "PayloadError", message: `invalid bars.subscribe frame: ${problem}` },
  );
  // @ts-expect-error -- nor does a number where the spec wants a string
  await assert.rejects(client.barsSubscribe({ symbol, params: { resolution: 1 } }), PayloadError);
  // What the types cannot stop: plain JavaScript, `as any`, or JSON from elsewhere.
  const fromJson = JSON.parse(`{"symbol": "${symbol}", "params": {"resolution": "1m"}}`) as SubscriptionRequest;
  assert.throws(
    () => client.subscribeBars(fromJson, () => {}),
    (error: unknown) =>
      error instanceof PayloadError &&
      error.type === "bars.subscribe" &&
      error.problems.length === 1 &&
      error.problems[0]?.path === "/payload/params/resolution" &&
      error.message.endsWith('got "1m"'),
  );
  await assert.rejects(client.barsSubscribe(fromJson), PayloadError); // a Promise API rejects, never throws
  await assert.rejects(client.barsUnsubscribe(fromJson), /invalid bars\.unsubscribe frame: \/payload\/params\/resolution/);

  // Never sent, shown twice. (1) Nothing but keep-alive pings went through the socket's send():
  assert.deepEqual(sent.filter((frame) => JSON.parse(frame).type !== "ping"), []);
  // (2) The server saw no bad frame: it would have answered one with an `error` and a 1003 close
  // (the control below), and it handles frames in order, so these answers prove there was none.
  await client.ping();
  const sub = client.subscribeBars({ symbol, params: { resolution: "D" } }, () => {});
  assert.equal((await sub.ready).topic, `bars:${symbol}:D`);
  assert.deepEqual(sent.filter((frame) => JSON.parse(frame).type !== "ping"), [
    JSON.stringify({ type: "bars.subscribe", payload: { symbol, params: { resolution: "D" } } }),
  ]);
  assert.deepEqual(messages.filter((m) => m.type === "error"), []);
  assert.deepEqual(transitions(states), ["disconnected->connecting", "connecting->connected"]);

  // The control: the same frame sent by a bare socket reaches the server, which rejects it.
  const raw = await openRaw(shared.wsUrl);
  const closed = closeOf(raw);
  raw.send(JSON.stringify({ type: "bars.subscribe", payload: { symbol, params: { resolution: "7" } } }));
  const { code, messages: rawMessages } = await closed;
  assert.equal(code, 1003);
  const [rejection] = rawMessages;
  assert.equal(rejection?.type === "error" && rejection.payload.code, "validation_error");
});

test("a request whose reply never comes rejects its Promise after the reply timeout", BOUNDED, async (t) => {
  // A reply that never comes, from the real server: freeze its process with SIGSTOP. The TCP
  // connection stays open (the kernel still accepts our frames) but nothing reads or answers
  // them: a hung server or a link that died silently, as the client sees it. SIGCONT afterwards
  // lets it answer late. The keep-alive is off here so that only the requests under test wait.
  const { client, messages, errors } = newClient(t, frozen.wsUrl, { replyTimeout: 300, keepAliveInterval: 60_000 });
  await client.connect();
  await client.ping(); // answered while the server runs
  const symbol = uniqueSymbol();

  frozen.pause();
  let elapsed: number;
  let results: PromiseSettledResult<unknown>[];
  try {
    const startedAt = Date.now();
    results = await Promise.allSettled([client.ping(), client.barsSubscribe({ symbol })]);
    elapsed = Date.now() - startedAt;
  } finally {
    frozen.resume();
  }
  assert.deepEqual(
    results.map((r) => (r.status === "rejected" && r.reason instanceof ReplyTimeoutError ? r.reason.message : r)),
    ["no pong reply to ping within 300 ms", "no bars.subscribe.response reply to bars.subscribe within 300 ms"],
  );
  assert.ok(elapsed >= 290 && elapsed < 1_500, `rejected after ${elapsed} ms`);
  assert.equal(client.state, "connected"); // a late reply fails its request, not the connection

  // The thawed server answers late; those answers are not taken for the replies of later requests.
  const other = uniqueSymbol();
  assert.equal((await client.barsSubscribe({ symbol: other })).symbol, other);
  await client.ping();
  const replies = messages.filter((m) => m.type === "bars.subscribe.response").map((m) => m.payload.symbol);
  assert.deepEqual(replies, [symbol, other]);
  assert.deepEqual(errors, []); // no reply went unclaimed either
});
