// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 7e88bdcde6a994f902e00e527a7233991a1f96d90a8fbb35e666caa4972fcf1a  generator: codegen 1.0.0
/**
 * Order books on the client: a local copy of one `orderbook:{symbol}:{depth}` topic, kept in step
 * with the server's snapshot and updates and checked against the checksum of every message (see
 * "Order books" in the spec's description).
 *
 *   const watch = watchOrderBook(client, { symbol: "AAPL", depth: 10 }, (book) => draw(book.bids(), book.asks()));
 *   await watch.ready;            // the first snapshot is applied
 *   watch.resyncs;                // resubscribes after a gap, a checksum mismatch or a failed subscribe
 *   await watch.unsubscribe();
 *
 * `OrderBook` is the pure part (no I/O): apply a snapshot or an update, read both sides sorted,
 * compute the checksum. `watchOrderBook` drives one on a client: it subscribes with the client's
 * `orderbookSubscribe`, reads the topic's frames from the client's `message` event, verifies each
 * update's `seq` (the previous one + 1, same `epoch`) and every checksum, subscribes again on a gap
 * or a mismatch (unsubscribe + subscribe: a fresh snapshot), and again after every reconnect. Do not
 * also hold the same topic with `subscribeOrderbook` on that client: a resync unsubscribes it.
 *
 * Prices and sizes stay the decimal strings the server sent (the checksum is over them, as sent);
 * prices are ordered as decimals ("99.75" < "100.5" < "1000"), never as strings or floats.
 */

import { callSafely } from "./emitter.js";
import { FAMILIES } from "./families.js";

/** What applying a message did: applied and verified, refused for its `seq`, or applied but wrong. */
export type BookResult = "ok" | "gap" | "checksum";

/** One price level, `[price, size]`, both exactly as the server sent them. */
export type PriceLevel = readonly [price: string, size: string];

/** The payload of `orderbook.snapshot` and `orderbook.update` (the spec's `BookView`). */
export interface BookPayload {
  readonly bids: readonly (readonly string[])[];
  readonly asks: readonly (readonly string[])[];
  readonly checksum: number;
  readonly time?: number;
}

// ---- decimals and the checksum -------------------------------------------------------------

const DECIMAL = /^([0-9]+)(?:\.([0-9]+))?$/;

/**
 * A decimal string without leading zeros in its integer part or trailing zeros in its fraction
 * ("100.50" -> "100.5", "007" -> "7"): two prices are the same level when these are equal.
 * Throws a RangeError for anything but digits with an optional point and fraction.
 */
export function canonicalDecimal(text: string): string {
  const match = DECIMAL.exec(text);
  if (match === null) throw new RangeError(`not a decimal string: ${JSON.stringify(text).slice(0, 40)}`);
  const whole = (match[1] ?? "0").replace(/^0+(?=[0-9])/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  return fraction === "" ? whole : `${whole}.${fraction}`;
}

/** -1, 0 or 1 as the decimal `a` is below, equal to or above `b`; exact, whatever the lengths. */
export function compareDecimals(a: string, b: string): number {
  return compareCanonical(canonicalDecimal(a), canonicalDecimal(b));
}

function compareCanonical(a: string, b: string): number {
  if (a === b) return 0;
  const [aWhole = "", aFraction = ""] = a.split(".");
  const [bWhole = "", bFraction = ""] = b.split(".");
  if (aWhole.length !== bWhole.length) return aWhole.length < bWhole.length ? -1 : 1;
  if (aWhole !== bWhole) return aWhole < bWhole ? -1 : 1;
  const width = Math.max(aFraction.length, bFraction.length);
  const x = aFraction.padEnd(width, "0");
  const y = bFraction.padEnd(width, "0");
  return x === y ? 0 : x < y ? -1 : 1;
}

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();
const UTF8 = new TextEncoder();

/** CRC-32 (IEEE 802.3, as zlib's crc32), unsigned, of a string's UTF-8 bytes or of raw bytes. */
export function crc32(data: string | Uint8Array): number {
  const bytes = typeof data === "string" ? UTF8.encode(data) : data;
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The string the checksum is computed over: `price:size` of the asks (ascending), then the bids
 * (descending), joined by `|`; each side is cut to `depth` here, but must already be sorted.
 */
export function bookChecksumString(
  asks: readonly (readonly string[])[],
  bids: readonly (readonly string[])[],
  depth: number = Infinity,
): string {
  return [...asks.slice(0, depth), ...bids.slice(0, depth)].map((level) => `${level[0]}:${level[1]}`).join("|");
}

/** The checksum of a book whose sides are sorted (asks ascending, bids descending). */
export function bookChecksum(
  asks: readonly (readonly string[])[],
  bids: readonly (readonly string[])[],
  depth: number = Infinity,
): number {
  return crc32(bookChecksumString(asks, bids, depth));
}

// ---- the book --------------------------------------------------------------------------------

interface Entry {
  readonly key: string; // canonicalDecimal(price)
  readonly price: string;
  readonly size: string;
}

interface Change {
  readonly key: string;
  readonly price: string;
  readonly size: string;
  readonly remove: boolean;
}

/** One side, kept sorted best first: bids descending (-1), asks ascending (1). */
class Side {
  private entries: Entry[] = [];
  private readonly direction: 1 | -1;

  constructor(direction: 1 | -1) {
    this.direction = direction;
  }

  get size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.entries = [];
  }

  apply(change: Change): void {
    const [index, found] = this.search(change.key);
    if (change.remove) {
      if (found) this.entries.splice(index, 1);
    } else if (found) {
      this.entries[index] = change;
    } else {
      this.entries.splice(index, 0, change);
    }
  }

  cut(depth: number): void {
    if (this.entries.length > depth) this.entries.length = depth;
  }

  levels(): PriceLevel[] {
    return this.entries.map((entry) => [entry.price, entry.size] as const);
  }

  /** Where `key` is, or would go: [index, whether it is there]. */
  private search(key: string): [number, boolean] {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const order = this.direction * compareCanonical((this.entries[middle] as Entry).key, key);
      if (order === 0) return [middle, true];
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return [low, false];
  }
}

/** Every level of one side of a payload, checked before anything is changed. */
function changesOf(levels: unknown, side: string): Change[] {
  if (!Array.isArray(levels)) throw new RangeError(`${side} is not an array of levels`);
  return levels.map((level: unknown, index: number) => {
    if (!Array.isArray(level) || level.length !== 2 || typeof level[0] !== "string" || typeof level[1] !== "string") {
      throw new RangeError(`${side}[${index}] is not a [price, size] pair of strings`);
    }
    const [price, size] = level as [string, string];
    return { key: canonicalDecimal(price), price, size, remove: canonicalDecimal(size) === "0" };
  });
}

/**
 * The top `depth` levels of each side of one book. Apply the topic's snapshot, then its updates
 * in order; every result says whether the book is still the server's. An update is refused
 * ("gap", the book unchanged) unless its `seq` is the previous message's + 1 and the book is in
 * sync; after a "gap" or a "checksum" the book stays out of sync until the next snapshot.
 * A payload that is not a BookView (levels that are not pairs of decimal strings) throws a
 * RangeError and changes nothing.
 */
export class OrderBook {
  readonly depth: number;
  private readonly bidSide = new Side(-1);
  private readonly askSide = new Side(1);
  private lastSeq: number | undefined;
  private lastTime: number | undefined;
  private inSync = false;

  constructor(depth: number) {
    if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth must be a positive integer, got ${depth}`);
    this.depth = depth;
  }

  /** The `seq` of the last message applied (undefined before the first snapshot). */
  get seq(): number | undefined {
    return this.lastSeq;
  }

  /** The `time` of the last message applied, when it had one. */
  get time(): number | undefined {
    return this.lastTime;
  }

  /** True after a snapshot and every update since applied with matching checksums. */
  get synced(): boolean {
    return this.inSync;
  }

  /** Replace the whole book (a snapshot may come at any time: it always wins). */
  applySnapshot(payload: BookPayload, seq: number): "ok" | "checksum" {
    const bids = changesOf(payload.bids, "bids");
    const asks = changesOf(payload.asks, "asks");
    this.bidSide.clear();
    this.askSide.clear();
    return this.apply(bids, asks, payload, seq);
  }

  /** Apply the changed levels of an update (absolute sizes; size "0" removes the level). */
  applyUpdate(payload: BookPayload, seq: number): BookResult {
    if (!this.inSync || this.lastSeq === undefined || seq !== this.lastSeq + 1) {
      this.inSync = false;
      return "gap";
    }
    return this.apply(changesOf(payload.bids, "bids"), changesOf(payload.asks, "asks"), payload, seq);
  }

  /** Mark the book as no longer the server's (e.g. the connection dropped); levels are kept. */
  markStale(): void {
    this.inSync = false;
  }

  /** Forget everything: no levels, no seq, out of sync. */
  reset(): void {
    this.bidSide.clear();
    this.askSide.clear();
    this.lastSeq = undefined;
    this.lastTime = undefined;
    this.inSync = false;
  }

  /** Bids, best (highest) first, at most `depth`. */
  bids(): PriceLevel[] {
    return this.bidSide.levels();
  }

  /** Asks, best (lowest) first, at most `depth`. */
  asks(): PriceLevel[] {
    return this.askSide.levels();
  }

  /** The string the checksum is computed over. */
  checksumString(): string {
    return bookChecksumString(this.asks(), this.bids(), this.depth);
  }

  /** The book's checksum, as the server computes it. */
  checksum(): number {
    return crc32(this.checksumString());
  }

  private apply(bids: Change[], asks: Change[], payload: BookPayload, seq: number): "ok" | "checksum" {
    for (const change of bids) this.bidSide.apply(change);
    for (const change of asks) this.askSide.apply(change);
    this.bidSide.cut(this.depth);
    this.askSide.cut(this.depth);
    this.lastSeq = seq;
    this.lastTime = payload.time;
    this.inSync = this.checksum() === payload.checksum;
    return this.inSync ? "ok" : "checksum";
  }
}

// ---- watching a topic ------------------------------------------------------------------------

/** A frame as the client's `message` event hands it over (every server frame is one). */
export interface OrderBookFrame {
  readonly type: string;
  readonly topic?: unknown;
  readonly epoch?: unknown;
  readonly seq?: unknown;
  readonly payload?: unknown;
}

/** The subscribe and unsubscribe payload (the spec's `BookRequest`). */
export interface OrderBookRequest<D extends number> {
  readonly symbol: string;
  readonly params: { readonly depth: D };
}

/**
 * What `watchOrderBook` needs of a client: the generated client of a spec with the `orderbook`
 * family is one (its `on`, `state`, `orderbookSubscribe` and `orderbookUnsubscribe`).
 */
export interface OrderBookClient<D extends number> {
  readonly state: string;
  on(event: "message", listener: (frame: OrderBookFrame) => void): () => void;
  on(event: "state", listener: (change: { readonly oldState: string; readonly newState: string }) => void): () => void;
  orderbookSubscribe(payload: OrderBookRequest<D>): Promise<{ readonly status: string; readonly message?: string }>;
  orderbookUnsubscribe(payload: OrderBookRequest<D>): Promise<unknown>;
}

/** Why the watcher subscribed again: a `seq` gap (or a new epoch), a checksum mismatch, a frame
 * of the topic it could not read, or a (re)subscribe that failed. */
export type ResyncReason = "gap" | "checksum" | "invalid" | "failed";

export interface WatchOrderBookOptions {
  /** Test hook: a frame of the topic for which this returns true is ignored, as if lost on the way. */
  readonly dropFrame?: (frame: OrderBookFrame) => boolean;
  /** Called when a resubscribe starts, with its reason. */
  readonly onResync?: (reason: ResyncReason) => void;
  /** Frames of the topic that could not be read, and (re)subscribes that failed (not for a lost connection). */
  readonly onError?: (error: Error) => void;
  /** The second resubscribe in a row waits this long (ms, default 250), each further one twice as long... */
  readonly resyncDelay?: number;
  /** ...but never longer than this (ms, default 30 000). A resubscribe after a good update waits for nothing. */
  readonly resyncDelayCap?: number;
}

export interface OrderBookWatch {
  readonly topic: string;
  /** The local book; `book.synced` says whether it is the server's right now. */
  readonly book: OrderBook;
  /** Resubscribes started so far (after a gap, a mismatch, an unreadable frame or a failed subscribe). */
  readonly resyncs: number;
  /** The last error reported to `onError`, if any. */
  readonly lastError: Error | undefined;
  /** Resolves once the first snapshot is applied with a matching checksum. */
  readonly ready: Promise<OrderBook>;
  /** Stop: no more callbacks; the server is told if connected. */
  unsubscribe(): Promise<void>;
}

/**
 * Keep `book` in step with the topic `orderbook:{symbol}:{depth}` on `client`, calling `onBook`
 * after every message applied with a matching checksum. Subscribes now if the client is connected,
 * else once it is, and again after every reconnect. On a gap in `seq` (or a new epoch), a checksum
 * mismatch or an unreadable frame of the topic it subscribes again (unsubscribe + subscribe), with
 * at most one resubscribe in flight and a growing delay between resubscribes that follow each
 * other without a good update in between, so a persistent mismatch cannot loop.
 */
export function watchOrderBook<D extends number>(
  client: OrderBookClient<D>,
  target: { readonly symbol: string; readonly depth: D },
  onBook: (book: OrderBook) => void,
  options: WatchOrderBookOptions = {},
): OrderBookWatch {
  const family = FAMILIES["orderbook"];
  if (family?.topicOf === undefined || family.snapshot === null) {
    throw new Error("this client's spec has no public orderbook family with a snapshot");
  }
  const request: OrderBookRequest<D> = { symbol: target.symbol, params: { depth: target.depth } };
  const topic = family.topicOf(request);
  const snapshotType = family.snapshot;
  const updateType = family.update;
  const book = new OrderBook(target.depth);
  const base = options.resyncDelay ?? 250;
  const cap = options.resyncDelayCap ?? 30_000;

  let active = true;
  let resyncs = 0;
  let lastError: Error | undefined;
  let epoch: string | undefined;
  let generation = 0; // one per connection: work started on an older one is void
  let inRow = 0; // resubscribes since the last good update
  let flight: object | undefined; // the resubscribe in flight (waiting or running), if any
  let due: ResyncReason | undefined; // why another resubscribe is due once the one in flight ends
  // True while the topic's next frame must be a snapshot: the only subscription of it is one
  // whose snapshot has not come (an update then means the snapshot was lost).
  let onlyFresh = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let markReady: (book: OrderBook) => void = () => {};
  const ready = new Promise<OrderBook>((resolve) => (markReady = resolve));

  const report = (error: unknown): void => {
    lastError = error instanceof Error ? error : new Error(String(error));
    if (options.onError) callSafely(options.onError, lastError);
  };
  const connectionLost = (error: unknown): boolean => error instanceof Error && error.name === "ConnectionError";

  const subscribeOnce = async (): Promise<void> => {
    const reply = await client.orderbookSubscribe(request);
    if (reply.status !== "ok") throw new Error(`orderbook.subscribe ${topic}: ${reply.status} ${reply.message ?? ""}`.trim());
  };

  /** Start a resubscribe, or note that one is due after the one in flight. */
  const resync = (reason: ResyncReason): void => {
    book.markStale();
    if (!active) return;
    onlyFresh = false; // until the old subscription is gone, its updates may follow
    if (flight !== undefined) {
      due ??= reason;
      return;
    }
    const mine = {};
    const gen = generation;
    flight = mine;
    resyncs += 1;
    inRow += 1;
    if (options.onResync) callSafely(options.onResync, reason);
    const delay = inRow < 2 ? 0 : Math.min(cap, base * 2 ** (inRow - 2));
    timer = setTimeout(() => {
      void (async () => {
        let failed = false;
        try {
          await client.orderbookUnsubscribe(request).then(
            () => (onlyFresh = true), // no update of the old subscription can follow
            (error: unknown) => {
              if (connectionLost(error)) throw error;
            },
          );
          if (active && gen === generation) await subscribeOnce();
        } catch (error) {
          // A lost connection is no failure: the reconnect subscribes again.
          if (!connectionLost(error)) {
            report(error);
            failed = true;
          }
        } finally {
          if (flight === mine) {
            flight = undefined;
            const next = failed ? "failed" : due;
            due = undefined;
            if (next !== undefined && active && gen === generation) resync(next);
          }
        }
      })();
    }, delay);
  };

  const subscribeFresh = (): void => {
    const gen = generation;
    subscribeOnce().catch((error: unknown) => {
      if (connectionLost(error) || !active || gen !== generation) return;
      report(error);
      resync("failed");
    });
  };

  const onFrame = (frame: OrderBookFrame): void => {
    if (!active || frame.topic !== topic) return;
    if (frame.type !== snapshotType && frame.type !== updateType) return;
    if (options.dropFrame?.(frame)) return;
    const { seq, payload } = frame;
    if (typeof seq !== "number" || !Number.isInteger(seq) || typeof frame.epoch !== "string" || !isBookPayload(payload)) {
      report(new RangeError(`unreadable ${frame.type} of ${topic}`));
      resync("invalid");
      return;
    }
    let result: BookResult;
    try {
      if (frame.type === snapshotType) {
        epoch = frame.epoch;
        result = book.applySnapshot(payload, seq);
      } else if (!book.synced) {
        if (onlyFresh) resync("gap"); // the snapshot after the subscribe reply was lost
        return; // else a fresh snapshot is on its way; updates before it are of no use
      } else if (frame.epoch !== epoch) {
        result = "gap";
      } else {
        result = book.applyUpdate(payload, seq);
        if (result === "ok") inRow = 0;
      }
    } catch (error) {
      report(error);
      resync("invalid");
      return;
    }
    if (result !== "ok") {
      resync(result);
      return;
    }
    markReady(book);
    callSafely(onBook, book);
  };

  const offMessage = client.on("message", onFrame);
  const offState = client.on("state", (change) => {
    if (change.newState === "connected") {
      // A new connection holds no subscription: start over with a fresh snapshot.
      generation += 1;
      clearTimeout(timer);
      flight = undefined;
      due = undefined;
      onlyFresh = true;
      book.markStale();
      if (active) subscribeFresh();
    } else if (change.oldState === "connected") {
      book.markStale();
    }
  });
  if (client.state === "connected") subscribeFresh();

  return {
    topic,
    book,
    get resyncs() {
      return resyncs;
    },
    get lastError() {
      return lastError;
    },
    ready,
    async unsubscribe() {
      if (!active) return;
      active = false;
      offMessage();
      offState();
      clearTimeout(timer);
      book.markStale();
      if (client.state !== "connected") return;
      try {
        await client.orderbookUnsubscribe(request);
      } catch (error) {
        if (!connectionLost(error)) throw error; // a lost connection ended it anyway
      }
    },
  };
}

function isBookPayload(value: unknown): value is BookPayload {
  if (typeof value !== "object" || value === null) return false;
  const { bids, asks, checksum } = value as Record<string, unknown>;
  return Array.isArray(bids) && Array.isArray(asks) && typeof checksum === "number";
}
