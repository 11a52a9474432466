/**
 * The demo page (GET /): a live candlestick chart of one topic, driven only by the public API of
 * the generated TypeScript client. Copy it as a starting point; it reads top to bottom:
 *
 *   1. the chart (candles, volume below), and `applyUpdate`: same `time` as the last candle
 *      updates it, a later `time` appends one, an older `time` is ignored and counted
 *      (lightweight-charts would throw);
 *   2. `loadHistory`: GET /api/v1/bars/history, the topic's recent bars, oldest first;
 *   3. `show`: subscribe to a topic, draw its history, then its live updates; switching topics
 *      unsubscribes the old one;
 *   4. the connection state, shown with the next retry time while reconnecting; after a
 *      reconnect the client resubscribes by itself and `sync` fills the gap from the history.
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
  PATH,
  RESOLUTION_VALUES,
  TradingWebSocketsClient,
  type Bar,
  type Resolution,
  type StateChange,
  type Subscription,
} from "trading-ws-client";

const HISTORY_LIMIT = 300;
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
  // The client resubscribes by itself; the bars published while we were away come from history.
  if (change.newState === "connected" && change.oldState === "reconnecting" && view !== null) void sync(view);
});
client.on("error", showError);

// ---- the controls ------------------------------------------------------------------------

for (const resolution of RESOLUTION_VALUES) resolutionSelect.add(new Option(RESOLUTION_LABELS[resolution], resolution));

function showSelected(): void {
  try {
    show(symbolInput.value.trim(), resolutionSelect.value as Resolution);
  } catch (error) {
    showError(error); // e.g. a symbol with a space: the client refuses it before sending
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  showSelected();
});
resolutionSelect.addEventListener("change", showSelected);

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
};
