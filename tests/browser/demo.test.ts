/**
 * The demo page (GET /) and the API docs page in a real, headless Chromium: Debian's
 * /usr/bin/chromium (tools/ensure-chromium.sh installs it) driven by playwright-core; no browser
 * is ever downloaded. The server is the real one (`python -m app`, ../ts/support/real-server.ts)
 * with the demo market ticking every 100 ms.
 *
 * The tests run in order on one page and one server, each starting where the previous one left
 * off: history + live bars on AAPL 1-minute, a switch to 5-minute, a server restart, a switch to
 * MSFT, then the docs page.
 * The page's read-only hooks (`window.demo`, see web/demo.ts) say what the chart holds; the
 * WebSocket frames are watched on the wire through Playwright. Screenshots go to
 * test-artifacts/browser/. Every wait has a deadline; the file takes about 20 s.
 */

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { after, before, test } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { killAll, RealServer } from "../ts/support/real-server.js";
// The page's `window.demo` hooks, for the type checker only (the page runs in the browser).
import type {} from "../../web/demo.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = new URL("../../test-artifacts/browser/", import.meta.url).pathname;
const BOUNDED = { timeout: 20_000 } as const;
const HISTORY = 300; // bars the page asks for; the demo feed's history starts that far back
const MINUTE = 60_000;

interface WireFrame {
  readonly direction: "sent" | "received";
  readonly type: string;
  readonly topic: string | undefined; // bars.update names it; (un)subscribe replies carry it in the payload
}

let server: RealServer;
let browser: Browser;
let page: Page;
const wire: WireFrame[] = [];
const pageErrors: string[] = [];
const foreignRequests: string[] = [];

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  [server, browser] = await Promise.all([
    RealServer.start({ WS_DEMO_FEED: "1", WS_DEMO_INTERVAL: "0.1" }),
    chromium.launch({
      executablePath: CHROMIUM,
      // Playwright adds --headless, --no-sandbox (we run as root) and a fresh profile itself.
      args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
      timeout: 15_000,
    }),
  ]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  // Offline means offline: anything not served by our server is refused and remembered.
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => {
      foreignRequests.push(route.request().url());
      return route.abort();
    },
  );
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("websocket", (socket) => {
    socket.on("framesent", ({ payload }) => wire.push(frame("sent", payload)));
    socket.on("framereceived", ({ payload }) => wire.push(frame("received", payload)));
  });
});

after(async () => {
  await browser?.close();
  await killAll();
  assert.deepEqual(server?.specViolations() ?? [], []);
});

test("the page draws the history, then live bars, and ignores an older one", BOUNDED, async () => {
  await page.goto(`${server.baseUrl}/?symbol=AAPL&resolution=1`);
  await page.waitForFunction(() => window.demo.state() === "connected", undefined, { timeout: 10_000 });
  // The demo feed's own history (nothing was published before the page loaded), then live bars.
  await page.waitForFunction((n) => window.demo.candles() >= n, HISTORY, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => window.demo.topic()), "bars:AAPL:1");

  // The forming candle (and its volume) moves with the demo market's trades, about seven a second.
  const states = new Set<string>();
  for (let i = 0; i < 15 && states.size < 3; i++) {
    states.add(JSON.stringify(await page.evaluate(() => window.demo.lastCandle())));
    await page.waitForTimeout(200);
  }
  assert.ok(states.size >= 3, `the last candle changed ${states.size - 1} time(s) in 3 s`);

  // A bar older than the last candle is ignored and counted; lightweight-charts would throw.
  const candles = await page.evaluate(() => window.demo.candles());
  const last = (await page.evaluate(() => window.demo.lastCandle()))!;
  await server.publish("AAPL", "1", [{ ...last, time: last.time - 10 * MINUTE }]);
  await page.waitForFunction(() => window.demo.ignored() === 1, undefined, { timeout: 5_000 });
  assert.ok((await page.evaluate(() => window.demo.candles())) >= candles);
  assert.match(await page.textContent("#ignored") ?? "", /^1$/);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(foreignRequests, []);
  await page.screenshot({ path: `${ARTIFACTS}demo.png` });
});

test("switching the resolution moves the subscription to the new topic", BOUNDED, async () => {
  const before = wire.length;
  await page.selectOption("#resolution", "5");
  await page.waitForFunction(() => window.demo.topic() === "bars:AAPL:5", undefined, { timeout: 2_000 });
  const unsubscribed = await waitForWire(
    (f) => f.direction === "received" && f.type === "bars.unsubscribe.response" && f.topic === "bars:AAPL:1",
    before,
  );
  const sent = wire.slice(before).filter((f) => f.direction === "sent" && f.type !== "ping");
  assert.deepEqual(
    sent.map((f) => `${f.type} ${f.topic}`).sort(),
    ["bars.subscribe bars:AAPL:5", "bars.unsubscribe bars:AAPL:1"],
  );
  // The new topic's bars flow and the chart shows them: its candles are 5-minute aligned.
  await waitForWire((f) => f.type === "bars.update" && f.topic === "bars:AAPL:5", before);
  await page.waitForFunction((n) => window.demo.candles() >= n, HISTORY, { timeout: 5_000 }); // history + live
  const last = await page.evaluate(() => window.demo.lastCandle());
  assert.equal(last!.time % (5 * MINUTE), 0);
  // A new topic starts a new count; the subscribe reply's snapshot, already in the history, is no late bar.
  assert.equal(await page.evaluate(() => window.demo.ignored()), 0);
  // The old topic is silent from its unsubscribe reply on, while the new one keeps ticking.
  await page.waitForTimeout(1_500);
  const after = wire.slice(unsubscribed + 1).filter((f) => f.type === "bars.update");
  assert.ok(after.length > 0, "the new topic kept updating");
  assert.deepEqual(after.filter((f) => f.topic !== "bars:AAPL:5"), []);
});

test("the page reconnects after a server restart and draws again", BOUNDED, async () => {
  const candles = await page.evaluate(() => window.demo.candles());
  await server.stop(); // SIGTERM: the page's socket is closed with 1001
  await page.waitForFunction(() => window.demo.state() === "reconnecting", undefined, { timeout: 5_000 });
  assert.match((await page.textContent("#state")) ?? "", /^reconnecting \(\d+ .+\); next try at \d/);
  await page.screenshot({ path: `${ARTIFACTS}demo-reconnecting.png` });

  const before = wire.length; // before the restart: the page may be back before restart() returns
  await server.restart(); // the same port, a fresh process
  await page.waitForFunction(() => window.demo.state() === "connected", undefined, { timeout: 10_000 });
  // The client resubscribed by itself, and the new server's bars reach the chart.
  await waitForWire((f) => f.direction === "sent" && f.type === "bars.subscribe" && f.topic === "bars:AAPL:5", before);
  const marker = JSON.stringify(await page.evaluate(() => window.demo.lastCandle()));
  await page.waitForFunction((m) => JSON.stringify(window.demo.lastCandle()) !== m, marker, { timeout: 5_000 });
  assert.ok((await page.evaluate(() => window.demo.candles())) >= candles, "the chart kept its candles");
  assert.equal(await page.evaluate(() => window.demo.ignored()), 0);
  assert.deepEqual(pageErrors, []);
  await page.screenshot({ path: `${ARTIFACTS}demo-reconnected.png` });
});

test("the symbol field switches the symbol; one the spec rejects changes nothing", BOUNDED, async () => {
  const before = wire.length;
  await page.fill("#symbol", "MSFT");
  await page.press("#symbol", "Enter");
  await page.waitForFunction(() => window.demo.topic() === "bars:MSFT:5", undefined, { timeout: 2_000 });
  await waitForWire((f) => f.type === "bars.unsubscribe.response" && f.topic === "bars:AAPL:5", before);
  await waitForWire((f) => f.type === "bars.update" && f.topic === "bars:MSFT:5", before);
  assert.match(page.url(), /\?symbol=MSFT&resolution=5$/);

  const sent = wire.length;
  await page.fill("#symbol", "NOT A TICKER");
  await page.click("button[type=submit]");
  assert.match((await page.textContent("#error")) ?? "", /invalid bars\.subscribe frame: \/payload\/symbol/);
  assert.equal(await page.evaluate(() => window.demo.topic()), "bars:MSFT:5");
  assert.deepEqual(wire.slice(sent).filter((f) => f.direction === "sent" && f.type !== "ping"), []);
});

test("the API docs page renders offline", BOUNDED, async () => {
  if (!server.running) await server.restart(); // whatever the test before left behind
  const docs = await page.context().newPage();
  try {
    await docs.setViewportSize({ width: 1600, height: 900 }); // wide enough for the sidebar
    await docs.goto(`${server.baseUrl}/api/v1/ws/asyncapi`);
    // Rendered by @asyncapi/react-component from the spec: the title, then an operation.
    await docs.getByText("Trading WebSockets").filter({ visible: true }).first().waitFor({ timeout: 10_000 });
    await docs.getByText("bars.subscribe").filter({ visible: true }).first().waitFor({ timeout: 5_000 });
    await docs.screenshot({ path: `${ARTIFACTS}asyncapi-docs.png` });
  } finally {
    await docs.close();
  }
  assert.deepEqual(foreignRequests, []);
});

// ---- helpers -------------------------------------------------------------------------------

function frame(direction: WireFrame["direction"], payload: string | Buffer): WireFrame {
  const message = JSON.parse(String(payload)) as { type: string; topic?: string; payload?: Record<string, unknown> };
  const inner = message.payload ?? {};
  const params = inner["params"] as { resolution?: string } | undefined;
  const topic =
    message.topic ??
    (typeof inner["topic"] === "string" ? inner["topic"] : undefined) ??
    (typeof inner["symbol"] === "string" ? `bars:${inner["symbol"]}:${params?.resolution ?? "1"}` : undefined);
  return { direction, type: message.type, topic };
}

/** The index of the first frame from `from` on that matches; fails after `timeoutMs`. */
async function waitForWire(match: (f: WireFrame) => boolean, from = 0, timeoutMs = 5_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const index = wire.findIndex((f, i) => i >= from && match(f));
    if (index >= 0) return index;
    if (Date.now() > deadline) throw new Error(`no such frame within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
