/**
 * The demo page (GET /) and the API docs page in a real, headless Chromium: Debian's
 * /usr/bin/chromium (tools/ensure-chromium.sh installs it) driven by playwright-core; no browser
 * is ever downloaded. The servers are real ones (`python -m app`, ../ts/support/real-server.ts):
 * one with the demo market ticking every 100 ms, one without, whose book and trades only the tests
 * publish (POST /api/v1/publish), for exact assertions.
 *
 * The tests run in order, each starting where the previous one left off. On the demo server, one
 * page: history + live bars on AAPL 1-minute, the live book and trades beside them, a switch to
 * 5-minute, a server restart, a switch to MSFT, then the docs page. On the quiet server, a second
 * page: a published book and trades, a burst of book changes, a switch of symbol, of depth, and a
 * narrow window.
 * The page's read-only hooks (`window.demo`, see web/demo.ts) say what the chart holds; the
 * ladder and the tape are read from the DOM; the WebSocket frames are watched on the wire through
 * Playwright. Screenshots go to test-artifacts/browser/. Every wait has a deadline; the file
 * takes about 25 s.
 */

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { after, before, test } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { FAMILIES } from "../../generated/ts/src/index.js";
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
  readonly topic: string | undefined; // updates name it; (un)subscribe replies carry it in the payload
}

let server: RealServer;
let quiet: RealServer; // no demo market: only what the tests publish
let browser: Browser;
let page: Page;
const wire: WireFrame[] = [];
const pageErrors: string[] = [];
const foreignRequests: string[] = [];

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  [server, quiet, browser] = await Promise.all([
    RealServer.start({ WS_DEMO_FEED: "1", WS_DEMO_INTERVAL: "0.1" }),
    RealServer.start(),
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
  recordWire(page, wire);
});

after(async () => {
  await browser?.close();
  await killAll();
  assert.deepEqual(server?.specViolations() ?? [], []);
  assert.deepEqual(quiet?.specViolations() ?? [], []);
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

test("beside the chart, the live book and trades of the demo market", BOUNDED, async () => {
  assert.equal(await page.evaluate(() => window.demo.bookTopic()), "orderbook:AAPL:10");
  assert.equal(await page.evaluate(() => window.demo.tradesTopic()), "trades:AAPL");
  await page.waitForFunction(() => document.querySelectorAll("#trades .trade").length >= 3, undefined, { timeout: 5_000 });
  const ladders = new Set<string>();
  for (let i = 0; i < 15 && ladders.size < 3; i++) {
    const ladder = await ladderOf(page);
    if (ladder.asks.length > 0 && ladder.bids.length > 0) {
      assertLadderOrdered(ladder);
      ladders.add(JSON.stringify(ladder));
    }
    await page.waitForTimeout(200);
  }
  assert.ok(ladders.size >= 3, `the ladder changed ${ladders.size - 1} time(s) in 3 s`);
  assertTapeOrdered(await tapeOf(page));
  assert.match((await page.textContent("#quote")) ?? "", /^\d+(\.\d+)? × \d+ \/ \d+(\.\d+)? × \d+$/);
  assert.equal(await page.evaluate(() => window.demo.bookResyncs()), 0);
  assert.deepEqual(pageErrors, []);
  await page.screenshot({ path: `${ARTIFACTS}demo-market.png` });
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
  // The book watch and the trades subscription are back too, on the same topics.
  await waitForWire((f) => f.direction === "sent" && f.type === "orderbook.subscribe" && f.topic === "orderbook:AAPL:10", before);
  await waitForWire((f) => f.direction === "sent" && f.type === "trades.subscribe" && f.topic === "trades:AAPL", before);
  await page.waitForSelector("#book[data-synced=true]", { timeout: 5_000 });
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
  // The book, the trades and the quote follow the symbol.
  for (const topic of ["orderbook:AAPL:10", "trades:AAPL", "quotes:AAPL"]) {
    await waitForWire((f) => f.type.endsWith(".unsubscribe.response") && f.topic === topic, before);
  }
  await waitForWire((f) => f.type === "orderbook.snapshot" && f.topic === "orderbook:MSFT:10", before);
  await waitForWire((f) => f.type === "trades.update" && f.topic === "trades:MSFT", before);
  assert.equal(await page.evaluate(() => window.demo.bookTopic()), "orderbook:MSFT:10");
  assert.equal(await page.evaluate(() => window.demo.tradesTopic()), "trades:MSFT");
  await page.waitForFunction(() => document.querySelectorAll("#bids .level").length > 0, undefined, { timeout: 5_000 });
  assertLadderOrdered(await ladderOf(page));

  const sent = wire.length;
  await page.fill("#symbol", "NOT A TICKER");
  await page.click("button[type=submit]");
  assert.match((await page.textContent("#error")) ?? "", /invalid bars\.subscribe frame: \/payload\/symbol/);
  assert.equal(await page.evaluate(() => window.demo.topic()), "bars:MSFT:5");
  assert.equal(await page.evaluate(() => window.demo.bookTopic()), "orderbook:MSFT:10");
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

// ---- the quiet server: books and trades the tests publish ------------------------------------

let fixed: Page; // the page on the quiet server
const fixedWire: WireFrame[] = [];
const T0 = Date.UTC(2026, 0, 5, 14, 30, 0); // trade times, shown on the tape in UTC

test("the ladder shows a published book: asks up from the spread, bids down, with depth bars", BOUNDED, async () => {
  fixed = await page.context().newPage();
  fixed.on("pageerror", (error) => pageErrors.push(error.message));
  recordWire(fixed, fixedWire);
  await fixed.goto(`${quiet.baseUrl}/?symbol=BOOKA&resolution=1`);
  await fixed.waitForFunction(() => window.demo.state() === "connected", undefined, { timeout: 10_000 });
  await fixed.waitForSelector("#book[data-synced=true]", { timeout: 5_000 }); // the empty book's snapshot
  assert.match((await fixed.textContent("#spread")) ?? "", /no spread/);

  // 12 levels a side; the page watches depth 10, so the server sends the top 10 of each.
  await publish(quiet, "orderbook:BOOKA", [bookOf(100, 12, 0.01)]);
  await fixed.waitForFunction(() => document.querySelectorAll("#bids .level").length === 10, undefined, { timeout: 5_000 });
  const ladder = await ladderOf(fixed);
  assert.deepEqual(ladder.asks.map(([price]) => price), range(10, (i) => (100.1 - i * 0.01).toFixed(2))); // top to bottom
  assert.deepEqual(ladder.bids.map(([price]) => price), range(10, (i) => (100 - i * 0.01).toFixed(2)));
  assert.deepEqual(ladder.bids.map(([, size]) => size), range(10, (i) => String(i + 1)));
  assert.equal(ladder.spread, "spread 0.01");
  // Bars grow with the size resting up to the level, on one scale for both sides (55 of 55 at the far end).
  assert.deepEqual(ladder.bidFill.map(Number), range(10, (i) => +((((i + 1) * (i + 2)) / 2 / 55).toFixed(4))));
  assert.equal(ladder.askFill[0], "1.0000");

  // An update: the best ask is taken (size "0"), the best bid grows.
  await publish(quiet, "orderbook:BOOKA", [{ time: T0, bids: [["100.00", "9"]], asks: [["100.01", "0"]] }]);
  await fixed.waitForFunction(() => document.querySelector("#spread")?.textContent === "spread 0.02", undefined, { timeout: 5_000 });
  const after = await ladderOf(fixed);
  assert.equal(after.asks.at(-1)?.[0], "100.02"); // the new best ask, just above the spread
  assert.deepEqual(after.bids[0], ["100.00", "9"]);
  assertLadderOrdered(after);

  // Trades in two messages: the tape shows the newest first, colored by side.
  await publish(quiet, "trades:BOOKA", [{ trades: trades(1, 3) }, { trades: trades(4, 5) }]);
  await fixed.waitForFunction(() => document.querySelectorAll("#trades .trade").length === 5, undefined, { timeout: 5_000 });
  const tape = await tapeOf(fixed);
  assert.deepEqual(tape.map((row) => row.id), [5, 4, 3, 2, 1]);
  assert.deepEqual(tape[0], { id: 5, side: "sell", cells: ["14:30:05.000", "100.05", "50"] });
  assert.equal(tape[1]?.side, "buy");
  assertTapeOrdered(tape);

  await publish(quiet, "quotes:BOOKA", [{ time: T0, bid: "100.00", bid_size: "9", ask: "100.02", ask_size: "2" }]);
  await fixed.waitForFunction(() => document.querySelector("#quote")?.textContent === "100.00 × 9 / 100.02 × 2", undefined, { timeout: 5_000 });
  assert.equal(await fixed.evaluate(() => window.demo.bookResyncs()), 0); // every checksum matched
  await fixed.screenshot({ path: `${ARTIFACTS}demo-book.png` });
});

test("a burst of book changes is drawn a few times, not once per change; the tape keeps 50 trades", BOUNDED, async () => {
  const [updates, draws] = await fixed.evaluate(() => [window.demo.bookUpdates(), window.demo.draws()]);
  const burst = range(300, (i) => ({ time: T0 + i, bids: [["100.00", String(i + 1)]], asks: [] }));
  await publish(quiet, "orderbook:BOOKA", burst);
  await fixed.waitForFunction(() => document.querySelector("#bids .level span:nth-child(2)")?.textContent === "300",
    undefined, { timeout: 5_000 });
  const [updatesAfter, drawsAfter] = await fixed.evaluate(() => [window.demo.bookUpdates(), window.demo.draws()]);
  // The frames arrive within a few milliseconds; their books are drawn once per animation frame.
  assert.ok(updatesAfter - updates >= 100, `${updatesAfter - updates} books applied`);
  assert.ok(drawsAfter - draws < (updatesAfter - updates) / 5, `${drawsAfter - draws} draws for ${updatesAfter - updates} books`);

  await publish(quiet, "trades:BOOKA", [{ trades: trades(6, 85) }]);
  await fixed.waitForFunction(() => document.querySelector("#trades .trade")?.getAttribute("data-id") === "85",
    undefined, { timeout: 5_000 });
  const tape = await tapeOf(fixed);
  assert.equal(tape.length, 50);
  assert.equal(tape.at(-1)?.id, 36);
  assertTapeOrdered(tape);
});

test("another symbol gets its own book and trades, the tape seeded from the trades history", BOUNDED, async () => {
  // Published before the page looks: only the history can show these trades (trades send nothing on subscribe).
  await publish(quiet, "orderbook:BOOKB", [bookOf(200, 30, 0.5)]);
  await publish(quiet, "trades:BOOKB", [{ trades: trades(1000, 1002, 200) }]);
  const before = fixedWire.length;
  await fixed.fill("#symbol", "BOOKB");
  await fixed.press("#symbol", "Enter");
  await fixed.waitForFunction(() => window.demo.bookTopic() === "orderbook:BOOKB:10", undefined, { timeout: 2_000 });
  for (const topic of ["orderbook:BOOKA:10", "trades:BOOKA", "quotes:BOOKA"]) {
    await waitForWire((f) => f.type.endsWith(".unsubscribe.response") && f.topic === topic, before, 5_000, fixedWire);
  }
  await fixed.waitForFunction(() => document.querySelectorAll("#trades .trade").length === 3, undefined, { timeout: 5_000 });
  assert.deepEqual((await tapeOf(fixed)).map((row) => row.id), [1002, 1001, 1000]);
  await fixed.waitForFunction(() => document.querySelectorAll("#asks .level").length === 10, undefined, { timeout: 5_000 });
  const ladder = await ladderOf(fixed);
  assert.deepEqual([ladder.asks.at(-1)?.[0], ladder.bids[0]?.[0], ladder.spread], ["200.5", "200.0", "spread 0.5"]);
  assert.equal(await fixed.textContent("#quote"), "- / -"); // BOOKB has no quote yet

  // The old symbol is gone from the page; the new one's live trades go on top.
  await publish(quiet, "trades:BOOKA", [{ trades: trades(86, 86) }]);
  await publish(quiet, "trades:BOOKB", [{ trades: trades(1003, 1003, 200) }]);
  await fixed.waitForFunction(() => document.querySelector("#trades .trade")?.getAttribute("data-id") === "1003",
    undefined, { timeout: 5_000 });
  assert.deepEqual((await tapeOf(fixed)).map((row) => row.id), [1003, 1002, 1001, 1000]);
});

test("the depth selector moves the book to another depth; a narrow window stacks the panels", BOUNDED, async () => {
  const before = fixedWire.length;
  await fixed.selectOption("#depth", "25");
  await fixed.waitForFunction(() => window.demo.bookTopic() === "orderbook:BOOKB:25", undefined, { timeout: 2_000 });
  await waitForWire((f) => f.type === "orderbook.unsubscribe.response" && f.topic === "orderbook:BOOKB:10", before, 5_000, fixedWire);
  await fixed.waitForFunction(() => document.querySelectorAll("#asks .level").length === 25, undefined, { timeout: 5_000 });
  assertLadderOrdered(await ladderOf(fixed));
  // Only the book moved: the trades subscription and the tape stay.
  const sent = fixedWire.slice(before).filter((f) => f.direction === "sent" && f.type !== "ping");
  assert.deepEqual(sent.map((f) => `${f.type} ${f.topic}`).sort(),
    ["orderbook.subscribe orderbook:BOOKB:25", "orderbook.unsubscribe orderbook:BOOKB:10"]);
  assert.equal((await tapeOf(fixed)).length, 4);
  // Levels past the window's height are cut off at the far end: the best ask still touches the spread.
  const [bestAsk, spread] = await fixed.evaluate(() =>
    ["#asks .level:last-child", "#spread"].map((s) => document.querySelector(s)!.getBoundingClientRect()));
  assert.ok(Math.abs(bestAsk!.bottom - spread!.top) < 4, `best ask ends at ${bestAsk!.bottom}, the spread starts at ${spread!.top}`);
  await fixed.screenshot({ path: `${ARTIFACTS}demo-depth-25.png` });

  await fixed.setViewportSize({ width: 640, height: 900 });
  await fixed.waitForTimeout(100); // a frame for the chart to follow its new size
  const [chart, book, tape] = await fixed.evaluate(() =>
    ["#chart", "#book", "#tape"].map((s) => document.querySelector(s)!.getBoundingClientRect()));
  assert.ok(book!.top >= chart!.bottom - 1 && Math.abs(tape!.top - book!.top) < 1 && tape!.left >= book!.right - 1,
    "the book and the tape side by side under the chart");
  await fixed.screenshot({ path: `${ARTIFACTS}demo-narrow.png` });
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(foreignRequests, []);
});

// ---- helpers -------------------------------------------------------------------------------

function recordWire(target: Page, into: WireFrame[]): void {
  target.on("websocket", (socket) => {
    socket.on("framesent", ({ payload }) => into.push(frame("sent", payload)));
    socket.on("framereceived", ({ payload }) => into.push(frame("received", payload)));
  });
}

function frame(direction: WireFrame["direction"], payload: string | Buffer): WireFrame {
  const message = JSON.parse(String(payload)) as { type: string; topic?: string; payload?: Record<string, unknown> };
  const inner = message.payload ?? {};
  // A family's (un)subscribe names its topic by its payload: the generated family table says how.
  const family = FAMILIES[message.type.split(".")[0] ?? ""];
  const topic =
    message.topic ??
    (typeof inner["topic"] === "string" ? inner["topic"] : undefined) ??
    (typeof inner["symbol"] === "string" ? family?.topicOf?.(inner) : undefined);
  return { direction, type: message.type, topic };
}

/** The index of the first frame from `from` on that matches; fails after `timeoutMs`. */
async function waitForWire(match: (f: WireFrame) => boolean, from = 0, timeoutMs = 5_000, frames = wire): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const index = frames.findIndex((f, i) => i >= from && match(f));
    if (index >= 0) return index;
    if (Date.now() > deadline) throw new Error(`no such frame within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Ladder {
  readonly asks: string[][]; // [price, size], top to bottom: the best ask last
  readonly bids: string[][]; // top to bottom: the best bid first
  readonly askFill: string[];
  readonly bidFill: string[];
  readonly spread: string;
}

async function ladderOf(target: Page): Promise<Ladder> {
  // No named functions inside: tsx would wrap them in a helper (`__name`) the page does not have.
  const { sides, spread } = await target.evaluate(() => ({
    sides: ["asks", "bids"].map((side) =>
      [...document.querySelectorAll<HTMLElement>(`#${side} .level`)].map((row) => ({
        level: [...row.children].map((cell) => cell.textContent ?? ""),
        fill: row.style.getPropertyValue("--fill"),
      })),
    ),
    spread: document.querySelector("#spread")?.textContent ?? "",
  }));
  const [asks = [], bids = []] = sides;
  const levels = (rows: typeof asks) => rows.map((row) => row.level);
  const fills = (rows: typeof asks) => rows.map((row) => row.fill);
  return { asks: levels(asks), bids: levels(bids), askFill: fills(asks), bidFill: fills(bids), spread };
}

/** Asks falling towards the spread (ascending read upwards from it), bids falling below it, best bid < best ask. */
function assertLadderOrdered({ asks, bids }: Ladder): void {
  const askPrices = asks.map(([price]) => Number(price));
  const bidPrices = bids.map(([price]) => Number(price));
  assert.deepEqual(askPrices, [...askPrices].sort((a, b) => b - a), `asks top to bottom: ${askPrices}`);
  assert.deepEqual(bidPrices, [...bidPrices].sort((a, b) => b - a), `bids top to bottom: ${bidPrices}`);
  assert.equal(new Set([...askPrices, ...bidPrices]).size, askPrices.length + bidPrices.length, "each price once");
  if (askPrices.length > 0 && bidPrices.length > 0) assert.ok(bidPrices[0]! < askPrices.at(-1)!, "best bid < best ask");
}

interface TapeRow {
  readonly id: number;
  readonly side: string;
  readonly cells: string[]; // time, price, size
}

async function tapeOf(target: Page): Promise<TapeRow[]> {
  return target.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("#trades .trade")].map((row) => ({
      id: Number(row.dataset["id"]),
      side: ["buy", "sell"].find((side) => row.classList.contains(side)) ?? row.className,
      cells: [...row.children].map((cell) => cell.textContent ?? ""),
    })),
  );
}

/** Newest first (ids falling downwards), each row a buy or a sell with a UTC time, a price and a size. */
function assertTapeOrdered(tape: readonly TapeRow[]): void {
  const ids = tape.map((row) => row.id);
  assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => b - a), `tape ids: ${ids}`);
  for (const { side, cells } of tape) {
    assert.ok(side === "buy" || side === "sell", `a trade row of class ${side}`);
    assert.match(cells.join(" "), /^\d\d:\d\d:\d\d\.\d{3} \d+(\.\d+)? \d+(\.\d+)?$/);
  }
}

/** POST /api/v1/publish to any family's topic; resolves once all `messages` are published. */
async function publish(target: RealServer, topic: string, messages: readonly unknown[]): Promise<void> {
  const response = await fetch(`${target.baseUrl}/api/v1/publish`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ topic, messages }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = await response.text();
  assert.equal(response.status, 200, `POST /api/v1/publish ${topic}: ${body}`);
  assert.equal((JSON.parse(body) as { published: number }).published, messages.length);
}

/** A whole book around `mid`: `levels` a side, `tick` apart, sizes 1, 2, 3... from the spread out. */
function bookOf(mid: number, levels: number, tick: number): { time: number; bids: string[][]; asks: string[][] } {
  const digits = String(tick).split(".")[1]?.length ?? 0;
  const side = (sign: number, from: number) =>
    range(levels, (i) => [(from + sign * i * tick).toFixed(digits), String(i + 1)]);
  return { time: T0, bids: side(-1, mid), asks: side(1, mid + tick) };
}

/** Trades `first` to `last` (ids), a second apart from T0, buys at even ids, at `base` + id / 100. */
function trades(first: number, last: number, base = 100): { id: number; time: number; price: string; size: string; side: string }[] {
  return range(last - first + 1, (i) => {
    const id = first + i;
    return { id, time: T0 + id * 1000, price: (base + (id % 100) / 100).toFixed(2), size: String(id * 10), side: id % 2 ? "sell" : "buy" };
  });
}

function range<T>(n: number, at: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => at(i));
}
