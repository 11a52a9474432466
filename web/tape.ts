/**
 * The trades tape: the newest trades first, at most `cap` of them, each row colored by the
 * taker's side. Trades are merged by `id` (which rises with each trade of a symbol), so the
 * history that seeds the tape and the live updates may overlap and arrive in either order.
 */

import type { Trade } from "trading-ws-client";
import { drawRows, setCells } from "./rows.js";

export class Tape {
  private readonly list: HTMLElement;
  private readonly cap: number;
  private trades: Trade[] = [];

  constructor(list: HTMLElement, cap: number) {
    this.list = list;
    this.cap = cap;
  }

  add(trades: readonly Trade[]): void {
    const known = new Set(this.trades.map((trade) => trade.id));
    const fresh = trades.filter((trade) => !known.has(trade.id));
    if (fresh.length > 0) this.trades = [...fresh, ...this.trades].sort((a, b) => b.id - a.id).slice(0, this.cap);
  }

  clear(): void {
    this.trades = [];
  }

  draw(): void {
    drawRows(this.list, this.trades, 3, (row, trade) => {
      row.className = `trade ${trade.side}`;
      row.dataset["id"] = String(trade.id);
      row.title = trade.side; // the color says it too, but not to everyone
      setCells(row, [clock(trade.time), trade.price, trade.size]);
    });
  }
}

/** HH:MM:SS.mmm in UTC, like the chart's times. */
function clock(time: number): string {
  return new Date(time).toISOString().slice(11, 23);
}
