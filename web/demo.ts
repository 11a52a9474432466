/**
 * The demo page (GET /): a live candlestick chart of one topic and, beside it, the symbol's order
 * book and trades, driven only by the public API of the generated TypeScript client. Copy it as a
 * starting point; it reads top to bottom:
 *
 *   1. the chart (candles, volume below), and `applyUpdate`: same `time` as the last candle
 *      updates it, a later `time` appends one, an older `time` is ignored and counted
 *      (lightweight-charts would throw);
 *   2. `loadHistory`: GET /api/v1/bars/history, the topic's recent bars, oldest first;
 *   3. `show`: subscribe to a topic, draw its history, then its live updates; switching topics
 *      unsubscribes the old one;
 *   4. the connection state, shown with the next retry time while reconnecting; after a
 *      reconnect the client resubscribes by itself and `sync` fills the gap from the history;
 *   5. `showMarket`: the symbol's order book (`watchOrderBook`, drawn by ladder.ts), its trades
 *      (seeded from GET /api/v1/history, drawn by tape.ts) and its best bid and ask; all three
 *      are drawn at most once per animation frame, however often they change.
 *
 * Built by tools/build-web.mjs (esbuild) into web/dist/ and served by app/http/demo_page.py; no CDN.
 */

import {
  CandlestickSeries,
  createChart,
  HistogramSeries,
  type CandlestickData,
  type HistogramData,
  type UTCTimestamp,
} from "lightweight-charts";
import {
  DEPTH_VALUES,
  PATH,
  RESOLUTION_VALUES,
  TradingWebSocketsClient,
  watchOrderBook,
  type Bar,
  type Depth,
  type OrderBookWatch,
  type Quote,
  type Resolution,
  type StateChange,
  type Subscription,
  type Trade,
  type TradesUpdateMessage,
} from "trading-ws-client";
import { drawLadder } from "./ladder.js";
import { Tape } from "./tape.js";

const HISTORY_LIMIT = 300;
const TAPE_ROWS = 50;
const RESOLUTION_LABELS = {
  "1": "1 minute",
  "5": "5 minutes",
  "15": "15 minutes",
  "30": "30 minutes",
  "60": "1 hour",
  D: "1 day",
  W: "1 week",
  M: "1 month",
} satisfies Record<Resolution, string>; // a resolution added to the spec fails `tsc` here

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`index.html has no #${id}`);
  return found as T;
}

const form = element<HTMLFormElement>("controls");
const symbolInput = element<HTMLInputElement>("symbol");
const resolutionSelect = element<HTMLSelectElement>("resolution");
const stateText = element<HTMLElement>("state");
const topicText = element<HTMLElement>("topic");
const candlesText = element<HTMLElement>("candles");
const ignoredText = element<HTMLElement>("ignored");
const errorText = element<HTMLElement>("error");
const depthSelect = element<HTMLSelectElement>("depth");
const bookPanel = element<HTMLElement>("book");
const bidText = element<HTMLElement>("bid");
const askText = element<HTMLElement>("ask");
const ladder = { asks: element("asks"), spread: element("spread"), bids: element("bids") };
const tape = new Tape(element("trades"), TAPE_ROWS);

// ---- 1. the chart ------------------------------------------------------------------------

const chart = createChart(element("chart"), {
  autoSize: true,
  layout: { background: { color: "#0f1420" }, textColor: "#c8d0e0" },
  grid: { vertLines: { color: "#1c2433" }, horzLines: { color: "#1c2433" } },
  timeScale: { timeVisible: true, secondsVisible: false }, // times are UTC, as the bars are
});
const series = chart.addSeries(CandlestickSeries);
// Volume as a histogram on its own scale, in the bottom fifth of the chart.
const volumeSeries = chart.addSeries(HistogramSeries, { priceScaleId: "volume", priceFormat: { type: "volume" } });
volumeSeries.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });

let lastBar: Bar | null = null; // the chart's last candle, as the API sent it
let ignored = 0;

function toCandle(bar: Bar): CandlestickData<UTCTimestamp> {
  const { open, high, low, close } = bar;
  return { time: toChartTime(bar), open, high, low, close };
}

function toVolume(bar: Bar): HistogramData<UTCTimestamp> {
  const color = bar.close >= bar.open ? "#26a69a66" : "#ef535066";
  return { time: toChartTime(bar), value: bar.volume, color };
}

function toChartTime(bar: Bar): UTCTimestamp {
  return (bar.time / 1000) as UTCTimestamp; // the API counts milliseconds, the chart seconds
}

/** Same time as the last candle: update it; later: append; older: ignore and count. */
function applyUpdate(bar: Bar): void {
  if (lastBar !== null && bar.time < lastBar.time) {
    ignored += 1; // series.update() throws on an older time: a late bar must not break the page
  } else {
    series.update(toCandle(bar));
    volumeSeries.update(toVolume(bar));
    lastBar = bar;
  }
  candlesText.textContent = String(series.data().length);
  ignoredText.textContent = String(ignored);
}

function clearChart(): void {
  series.setData([]);
  volumeSeries.setData([]);
  lastBar = null;
  ignored = 0;
  candlesText.textContent = ignoredText.textContent = "0";
}

// ---- 2. history --------------------------------------------------------------------------

async function loadHistory(symbol: string, resolution: Resolution): Promise<Bar[]> {
  const query = new URLSearchParams({ symbol, resolution, limit: String(HISTORY_LIMIT) });
  // Relative URLs keep working when a proxy mounts the app under a prefix.
  const response = await fetch(`api/v1/bars/history?${query}`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`history: HTTP ${response.status}`);
  return (await response.json()) as Bar[];
}

// ---- 3. one topic at a time --------------------------------------------------------------

interface View {
  readonly symbol: string;
  readonly resolution: Resolution;
  readonly subscription: Subscription<unknown>;
  /** Live updates held back while the history loads (null: apply them at once). */
  pending: Bar[] | null;
}

// Reconnect within 5 s at most (the client's default cap is 30 s): a page someone is watching.
const wsUrl = new URL(`.${PATH}`, location.href.replace(/^http/, "ws")).href;
const client = new TradingWebSocketsClient(wsUrl, { backoffCap: 5_000 });
let view: View | null = null;

/** Show `symbol` at `resolution`: subscribe, draw the history, then the live updates. */
function show(symbol: string, resolution: Resolution): void {
  if (view !== null && view.symbol === symbol && view.resolution === resolution) return;
  const next: View = {
    symbol,
    resolution,
    // Throws a PayloadError (and changes nothing) for a symbol the spec rejects.
    subscription: client.subscribeBars({ symbol, params: { resolution } }, (bar) => {
      if (view !== next) return; // a late update of a topic we already left
      if (next.pending !== null) next.pending.push(bar);
      else applyUpdate(bar);
    }),
    pending: null,
  };
  const old = view;
  view = next;
  old?.subscription.unsubscribe().catch(showError);
  clearChart();
  topicText.textContent = next.subscription.topic;
  errorText.textContent = "";
  history.replaceState(null, "", `?${new URLSearchParams({ symbol, resolution })}`);
  void sync(next);
}

/**
 * Draw the history, then the updates that came meanwhile. Subscribing first and holding updates
 * back loses nothing published between the two. After a reconnect only bars from the last
 * candle on are new: that fills the gap the connection left.
 */
async function sync(current: View): Promise<void> {
  current.pending ??= []; // a sync still loading keeps what it holds
  let bars: Bar[] = [];
  try {
    // Read the history once the server has the subscription: a feed that starts on the first
    // subscriber (the demo's) writes the topic's history then.
    await current.subscription.ready;
    bars = await loadHistory(current.symbol, current.resolution);
  } catch (error) {
    showError(error); // live updates still come
  }
  const held = current.pending ?? [];
  current.pending = null;
  if (view !== current) return; // switched meanwhile
  // Held updates older than the history's last bar are in it already (the subscribe reply's
  // snapshot, for one): skip them rather than count them as out of order.
  for (const bar of [...bars, ...held]) if (lastBar === null || bar.time >= lastBar.time) applyUpdate(bar);
}

// ---- 4. the connection -------------------------------------------------------------------

function showState({ newState, nextRetryAt, code, reason }: StateChange): void {
  stateText.dataset["state"] = newState;
  // A refused connection closes with 1006 and no reason; a server going down says why (1001).
  const why = `${code} ${reason || "connection lost"}`;
  stateText.textContent =
    newState === "reconnecting" && nextRetryAt !== undefined
      ? `reconnecting (${why}); next try at ${new Date(nextRetryAt).toLocaleTimeString()}`
      : newState;
}

function showError(error: unknown): void {
  errorText.textContent = error instanceof Error ? error.message : String(error);
}

client.on("state", (change) => {
  showState(change);
  scheduleDraw(); // the ladder shows whether the book is still the server's
  // The client resubscribes by itself; the bars and trades published while we were away come
  // from history (watchOrderBook gets a fresh snapshot by itself).
  if (change.newState === "connected" && change.oldState === "reconnecting") {
    if (view !== null) void sync(view);
    if (market !== null) void seedTrades(market);
  }
});
client.on("error", showError);

// ---- 5. the symbol's order book, trades and quote ----------------------------------------

interface Market {
  readonly symbol: string;
  readonly trades: Subscription<unknown>;
  readonly quotes: Subscription<unknown>;
  book: OrderBookWatch; // replaced when the depth changes
}

let market: Market | null = null;
let quote: Quote | null = null;
let bookUpdates = 0; // books applied, for the hooks: draws stay fewer when updates come in bursts
let draws = 0;

/** Follow `symbol`'s book, trades and quote; the previous symbol's are unsubscribed. */
function showMarket(symbol: string): void {
  if (market?.symbol === symbol) return;
  // The subscribe methods throw a PayloadError for a symbol the spec rejects: before anything changes.
  const next: Market = {
    symbol,
    trades: client.subscribeTrades({ symbol }, (update) => {
      tape.add(update.trades);
      scheduleDraw();
    }),
    quotes: client.subscribeQuotes({ symbol }, (update) => {
      quote = update;
      scheduleDraw();
    }),
    book: watchBook(symbol),
  };
  const old = market;
  market = next;
  // Unsubscribing stops the old callbacks at once: none of them reaches the new symbol's tape.
  if (old !== null) {
    old.trades.unsubscribe().catch(showError);
    old.quotes.unsubscribe().catch(showError);
    old.book.unsubscribe().catch(showError);
  }
  tape.clear();
  quote = null;
  scheduleDraw();
  void seedTrades(next);
}

/** Watch the book at the selected depth; watchOrderBook checks seq and checksums and resyncs by itself. */
function watchBook(symbol: string): OrderBookWatch {
  const depth = Number(depthSelect.value) as Depth;
  const onBook = (): void => {
    bookUpdates += 1;
    scheduleDraw();
  };
  return watchOrderBook(client, { symbol, depth }, onBook, { onError: showError, onResync: scheduleDraw });
}

function changeDepth(): void {
  if (market === null) return;
  market.book.unsubscribe().catch(showError);
  market.book = watchBook(market.symbol);
  scheduleDraw();
}

/** Fill the tape from the topic's history, so it is not empty until the next trade. */
async function seedTrades(current: Market): Promise<void> {
  try {
    // Subscribed first, read second: a trade published in between is in the history, the live
    // updates or both (the tape merges by id), and the demo feed starts with the first subscriber.
    await current.trades.ready;
    const query = new URLSearchParams({ topic: current.trades.topic, limit: String(TAPE_ROWS) });
    const response = await fetch(`api/v1/history?${query}`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`trades history: HTTP ${response.status}`);
    const { messages } = (await response.json()) as { messages: TradesUpdateMessage[] };
    if (market !== current) return; // switched meanwhile
    tape.add(messages.flatMap((message): Trade[] => message.payload.trades));
    scheduleDraw();
  } catch (error) {
    showError(error); // live trades still come
  }
}

let drawPending = false;

/** Draw on the next animation frame, once: a book can change hundreds of times a second. */
function scheduleDraw(): void {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    drawMarket();
  });
}

function drawMarket(): void {
  draws += 1;
  if (market !== null) {
    drawLadder(ladder, market.book.book);
    bookPanel.dataset["synced"] = String(market.book.book.synced);
  }
  tape.draw();
  bidText.textContent = quote === null ? "-" : `${quote.bid} × ${quote.bid_size}`;
  askText.textContent = quote === null ? "-" : `${quote.ask} × ${quote.ask_size}`;
}

// ---- the controls ------------------------------------------------------------------------

for (const resolution of RESOLUTION_VALUES) resolutionSelect.add(new Option(RESOLUTION_LABELS[resolution], resolution));
for (const depth of DEPTH_VALUES) depthSelect.add(new Option(`${depth} levels`, String(depth)));

function showSelected(): void {
  try {
    const symbol = symbolInput.value.trim();
    show(symbol, resolutionSelect.value as Resolution);
    showMarket(symbol); // the same symbol at another resolution keeps its book and trades
  } catch (error) {
    showError(error); // e.g. a symbol with a space: the client refuses it before sending
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  showSelected();
});
resolutionSelect.addEventListener("change", showSelected);
depthSelect.addEventListener("change", changeDepth);

const params = new URLSearchParams(location.search);
symbolInput.value = params.get("symbol") ?? "AAPL";
resolutionSelect.value = params.get("resolution") ?? "1";
if (resolutionSelect.selectedIndex < 0) resolutionSelect.value = "1";
showSelected();
void client.connect();

// ---- hooks for the browser tests (tests/browser); read-only -----------------------------

/** What the browser tests may read; nothing here changes the page. */
export interface DemoHooks {
  /** Candles the chart holds. */
  candles(): number;
  /** The chart's last candle with its volume, as the API sent it (time in Unix ms), or null. */
  lastCandle(): Bar | null;
  /** The topic shown, e.g. `bars:AAPL:1`. */
  topic(): string | null;
  /** The client's connection state. */
  state(): string;
  /** Live updates ignored because they were older than the last candle. */
  ignored(): number;
  /** The order book topic shown, e.g. `orderbook:AAPL:10`. */
  bookTopic(): string | null;
  /** The trades topic shown, e.g. `trades:AAPL`. */
  tradesTopic(): string | null;
  /** Books applied by the order book watch (each one a call of its `onBook`), over all topics. */
  bookUpdates(): number;
  /** Times the ladder, the tape and the quote were drawn (at most once per animation frame). */
  draws(): number;
  /** Resubscribes of the current order book watch (after a gap or a checksum mismatch). */
  bookResyncs(): number;
}

declare global {
  interface Window {
    demo: DemoHooks;
  }
}

window.demo = {
  candles: () => series.data().length,
  lastCandle: () => lastBar,
  topic: () => view?.subscription.topic ?? null,
  state: () => client.state,
  ignored: () => ignored,
  bookTopic: () => market?.book.topic ?? null,
  tradesTopic: () => market?.trades.topic ?? null,
  bookUpdates: () => bookUpdates,
  draws: () => draws,
  bookResyncs: () => market?.book.resyncs ?? 0,
};
