/**
 * Subscribe to AAPL 1-minute bars with the generated TypeScript client, print a few, unsubscribe
 * and disconnect. Bars flow when the service runs with its demo feed (`make dev`) or when
 * someone publishes them.
 *
 *   node --import tsx examples/ts_client.ts [ws://127.0.0.1:8000/api/v1/ws]
 *
 * Bars and the subscribe reply go to stdout, connection states to stderr. It exits by itself
 * after BARS_WANTED bars, or with status 1 after TIMEOUT_MS.
 */

import WebSocket from "ws"; // Node 20 only: browsers and Node >= 22 have a global WebSocket
// In an app that installed the package: `from "trading-ws-client"`.
import { TradingWebSocketsClient } from "../generated/ts/src/index.js";

const url = process.argv[2] ?? "ws://127.0.0.1:8000/api/v1/ws";
const BARS_WANTED = 3;
const TIMEOUT_MS = 15_000;

const client = new TradingWebSocketsClient(url, { WebSocket });
client.on("state", ({ newState, code, reason }) => console.error(`[${newState}] ${code} ${reason}`));
client.on("error", (error) => console.error(`[error] ${error.message}`));

async function showBars(): Promise<void> {
  await client.connect(); // retries with backoff until the server answers
  let enough = () => {};
  const gotEnough = new Promise<void>((resolve) => (enough = resolve));
  let count = 0;
  const sub = client.subscribeBars({ symbol: "AAPL", params: { resolution: "1" } }, (bar, topic) => {
    if (count === BARS_WANTED) return; // bars still arriving while we unsubscribe
    console.log(`${topic} t=${bar.time} o=${bar.open} h=${bar.high} l=${bar.low} c=${bar.close} v=${bar.volume}`);
    if (++count === BARS_WANTED) enough();
  });
  console.log((await sub.ready).message); // "Subscribed to AAPL"
  await gotEnough;
  await sub.unsubscribe();
}

let timer: NodeJS.Timeout | undefined;
const timeout = new Promise<never>((_, reject) => {
  timer = setTimeout(() => reject(new Error(`no ${BARS_WANTED} bars within ${TIMEOUT_MS} ms from ${url}`)), TIMEOUT_MS);
});
try {
  await Promise.race([showBars(), timeout]);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  clearTimeout(timer);
  client.disconnect(); // stops reconnecting too, so nothing keeps the process alive
}
