/**
 * The order book ladder: asks above, the best ask just over the spread, bids below, each level
 * with its price, its size and a bar as long as the size resting up to it (cumulative from the
 * spread). It only draws an `OrderBook` of the generated client; demo.ts keeps it up to date.
 */

import type { OrderBook, PriceLevel } from "trading-ws-client";
import { drawRows, setCells } from "./rows.js";

export interface LadderElements {
  readonly asks: HTMLElement;
  readonly spread: HTMLElement;
  readonly bids: HTMLElement;
}

export function drawLadder(ladder: LadderElements, book: OrderBook): void {
  const asks = book.asks();
  const bids = book.bids();
  const askTotals = runningTotals(asks);
  const bidTotals = runningTotals(bids);
  // One scale for both sides, so bars compare across the spread.
  const scale = Math.max(askTotals.at(-1) ?? 0, bidTotals.at(-1) ?? 0) || 1;
  // Asks are drawn worst first, so the best ends up at the bottom of its half, next to the spread.
  drawSide(ladder.asks, zip(asks, askTotals).reverse(), scale);
  drawSide(ladder.bids, zip(bids, bidTotals), scale);
  ladder.spread.textContent = book.synced ? spreadText(asks[0], bids[0]) : "waiting for the book…";
}

interface Row {
  readonly level: PriceLevel;
  readonly total: number;
}

function drawSide(container: HTMLElement, rows: readonly Row[], scale: number): void {
  drawRows(container, rows, 2, (row, { level, total }) => {
    row.className = "level";
    setCells(row, level);
    row.style.setProperty("--fill", (total / scale).toFixed(4));
  });
}

/** Cumulative sizes from the best level out. Numbers, not decimals: they only size the bars. */
function runningTotals(levels: readonly PriceLevel[]): number[] {
  let total = 0;
  return levels.map(([, size]) => (total += Number(size)));
}

function zip(levels: readonly PriceLevel[], totals: readonly number[]): Row[] {
  return levels.map((level, index) => ({ level, total: totals[index] ?? 0 }));
}

function spreadText(bestAsk: PriceLevel | undefined, bestBid: PriceLevel | undefined): string {
  if (bestAsk === undefined || bestBid === undefined) return "no spread (a side is empty)";
  return `spread ${subtractDecimals(bestAsk[0], bestBid[0])}`;
}

/**
 * `a - b` for two decimal strings, exactly: both as integers of the longer fraction's unit
 * (floats would show 100.01 - 100.00 as 0.010000000000005116).
 */
export function subtractDecimals(a: string, b: string): string {
  const places = Math.max(fractionDigits(a), fractionDigits(b));
  const difference = scaled(a, places) - scaled(b, places);
  const sign = difference < 0n ? "-" : "";
  const digits = (difference < 0n ? -difference : difference).toString().padStart(places + 1, "0");
  return places === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

function fractionDigits(decimal: string): number {
  return decimal.split(".")[1]?.length ?? 0;
}

function scaled(decimal: string, places: number): bigint {
  const [whole = "0", fraction = ""] = decimal.split(".");
  return BigInt(whole + fraction.padEnd(places, "0"));
}
