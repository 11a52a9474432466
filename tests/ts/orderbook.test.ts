/**
 * The TypeScript order book helper (generated/ts/src/orderbook.ts): the checksum vectors shared
 * with the Python tests (tests/fixtures/book-checksums.json), the pure OrderBook, and
 * watchOrderBook against the in-process fake server, which plays a market whose book it changes.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test, type TestContext } from "node:test";
import WebSocket from "ws";
import {
  bookChecksum,
  bookChecksumString,
  canonicalDecimal,
  compareDecimals,
  crc32,
  OrderBook,
  TradingWebSocketsClient,
  watchOrderBook,
  type BookPayload,
  type ClientOptions,
  type OrderBookFrame,
  type ServerMessage,
  type WatchOrderBookOptions,
} from "../../generated/ts/src/index.js";
import { eventually, FakeServer } from "./fake-server.js";

type Pair = [string, string];

interface Vector {
  readonly name: string;
  readonly depth: number;
  readonly asks: Pair[];
  readonly bids: Pair[];
  readonly string: string;
  readonly checksum: number;
}

const VECTORS = JSON.parse(
  readFileSync(new URL("../fixtures/book-checksums.json", import.meta.url), "utf8"),
) as Vector[];

const view = (asks: Pair[], bids: Pair[], checksum: number, time = 1): BookPayload => ({ time, asks, bids, checksum });

// ---- vectors and decimals --------------------------------------------------------------------

test("the vectors hold the spec's worked example", () => {
  const strings = VECTORS.map((v) => [v.string, v.checksum]);
  assert.deepEqual(strings.slice(0, 2), [
    ["101.00:5|101.50:2|100.50:3|100.00:7", 2857217212],
    ["101.00:5|101.50:2|100.50:3|100.25:4", 2676422502],
  ]);
  assert.ok(VECTORS.some((v) => v.asks.length > v.depth) && VECTORS.some((v) => v.bids.length < v.depth));
});

for (const vector of VECTORS) {
  test(`checksum vector: ${vector.name}`, () => {
    assert.equal(bookChecksumString(vector.asks, vector.bids, vector.depth), vector.string);
    assert.equal(crc32(vector.string), vector.checksum);
    assert.equal(bookChecksum(vector.asks, vector.bids, vector.depth), vector.checksum);

    // The book sorts what it is given (here in reverse) as decimals and cuts each side to depth.
    const book = new OrderBook(vector.depth);
    const reversed = view([...vector.asks].reverse(), [...vector.bids].reverse(), vector.checksum);
    assert.equal(book.applySnapshot(reversed, 5), "ok");
    assert.equal(book.checksumString(), vector.string);
    assert.equal(book.checksum(), vector.checksum);
    assert.deepEqual(book.asks(), vector.asks.slice(0, vector.depth));
    assert.deepEqual(book.bids(), vector.bids.slice(0, vector.depth));
    assert.ok(book.synced);
  });
}

test("crc32 is zlib's: unsigned, over UTF-8 bytes", () => {
  assert.equal(crc32(""), 0);
  assert.equal(crc32("123456789"), 0xcbf43926);
  assert.equal(crc32("é"), crc32(new Uint8Array([0xc3, 0xa9])));
  assert.equal(crc32("101.00:5|101.50:2|100.50:3|100.00:7"), 2857217212); // above 2^31: unsigned
});

test("prices compare as decimals, whatever their lengths", () => {
  assert.equal(compareDecimals("100.5", "99.75"), 1);
  assert.equal(compareDecimals("1000", "999.999"), 1);
  assert.equal(compareDecimals("100.5", "100.50"), 0);
  assert.equal(compareDecimals("100.45", "100.5"), -1);
  assert.equal(compareDecimals("0.00005", "0.0001"), -1);
  assert.equal(canonicalDecimal("100.50"), "100.5");
  assert.equal(canonicalDecimal("100.00"), "100");
  assert.throws(() => canonicalDecimal("1e3"), RangeError);
  assert.throws(() => canonicalDecimal("-1"), RangeError);
});

// ---- the pure book -----------------------------------------------------------------------------

const EXAMPLE = VECTORS[0] as Vector;

function exampleBook(): OrderBook {
  const book = new OrderBook(10);
  assert.equal(book.applySnapshot(view(EXAMPLE.asks, EXAMPLE.bids, EXAMPLE.checksum), 7), "ok");
  return book;
}

test("a snapshot then the spec's update: absolute sizes, size 0 removes, the strings kept as sent", () => {
  const book = exampleBook();
  const update = view([], [["100.25", "4"], ["100.00", "0"]], 2676422502, 2);
  assert.equal(book.applyUpdate(update, 8), "ok");
  assert.deepEqual(book.bids(), [["100.50", "3"], ["100.25", "4"]]);
  assert.deepEqual(book.asks(), [["101.00", "5"], ["101.50", "2"]]);
  assert.equal(book.checksumString(), "101.00:5|101.50:2|100.50:3|100.25:4");
  assert.deepEqual([book.seq, book.time, book.synced], [8, 2, true]);

  // A new size replaces the level's; "100.5" is the same price as "100.50".
  const bids: Pair[] = [["100.5", "9"]];
  const next = bookChecksum([["101.00", "5"], ["101.50", "2"]], [["100.5", "9"], ["100.25", "4"]]);
  assert.equal(book.applyUpdate(view([], bids, next), 9), "ok");
  assert.deepEqual(book.bids(), [["100.5", "9"], ["100.25", "4"]]);
});

test("each side is cut to depth after applying; a level that fell out does not come back by itself", () => {
  const book = new OrderBook(2);
  const asks: Pair[] = [["10", "1"], ["11", "1"]];
  const bids: Pair[] = [["9", "1"], ["8", "1"]];
  assert.equal(book.applySnapshot(view(asks, bids, bookChecksum(asks, bids)), 1), "ok");
  // A better bid enters: the worst (8) falls out of the top 2 and is dropped, no delete needed.
  const after: Pair[] = [["9.5", "2"], ["9", "1"]];
  assert.equal(book.applyUpdate(view([], [["9.5", "2"]], bookChecksum(asks, after)), 2), "ok");
  assert.deepEqual(book.bids(), after);
  // Removing the best bid leaves one level: 8 is gone (the server would send it if it re-entered).
  assert.equal(book.applyUpdate(view([], [["9.5", "0"]], bookChecksum(asks, [["9", "1"]])), 3), "ok");
  assert.deepEqual(book.bids(), [["9", "1"]]);
  // Removing a level the book does not have changes nothing.
  assert.equal(book.applyUpdate(view([["12", "0"]], [], bookChecksum(asks, [["9", "1"]])), 4), "ok");
});

test("a gap in seq is refused and the book stays out of sync until the next snapshot", () => {
  const book = exampleBook();
  const update = view([], [["100.25", "4"], ["100.00", "0"]], 2676422502);
  assert.equal(book.applyUpdate(update, 9), "gap"); // 8 is missing
  assert.deepEqual(book.bids(), EXAMPLE.bids); // unchanged
  assert.equal(book.synced, false);
  assert.equal(book.applyUpdate(update, 8), "gap"); // even the right seq: the book is no longer known
  assert.equal(book.applyUpdate(update, 7), "gap");
  assert.equal(book.applySnapshot(view(EXAMPLE.asks, EXAMPLE.bids, EXAMPLE.checksum), 12), "ok");
  assert.equal(book.applyUpdate(update, 13), "ok");
  assert.equal(new OrderBook(10).applyUpdate(update, 1), "gap"); // no snapshot yet
});

test("a checksum that does not match is reported and leaves the book out of sync", () => {
  const book = exampleBook();
  assert.equal(book.applyUpdate(view([], [["100.25", "4"]], 2676422502), 8), "checksum"); // 100.00 not removed
  assert.equal(book.synced, false);
  assert.equal(book.applyUpdate(view([], [["100.00", "0"]], 2676422502), 9), "gap");
  assert.equal(new OrderBook(10).applySnapshot(view(EXAMPLE.asks, EXAMPLE.bids, EXAMPLE.checksum + 1), 1), "checksum");
});

test("a snapshot at any time replaces the whole book", () => {
  const book = exampleBook();
  const asks: Pair[] = [["200", "1"]];
  assert.equal(book.applySnapshot(view(asks, [], bookChecksum(asks, [])), 40), "ok");
  assert.deepEqual([book.asks(), book.bids(), book.seq], [asks, [], 40]);
});

test("a payload that is no book view throws and changes nothing", () => {
  const book = exampleBook();
  const bad = [view([["1e3", "1"]], [], 0), view([], [["100", 5 as unknown as string]], 0), view([], [["100"]] as unknown as Pair[], 0)];
  for (const payload of bad) assert.throws(() => book.applyUpdate(payload, 8), RangeError);
  assert.deepEqual(book.bids(), EXAMPLE.bids);
  assert.equal(book.applyUpdate(view([], [["100.25", "4"], ["100.00", "0"]], 2676422502), 8), "ok");
});

// ---- watchOrderBook against the fake server ------------------------------------------------------

const FAST: ClientOptions = { WebSocket, replyTimeout: 500, keepAliveInterval: 60_000, backoffBase: 10, backoffCap: 50 };
const TOPIC = "orderbook:AAPL:10";

/** A reference book of the fake server: the whole book, whose top `depth` is the topic's view. */
class Market {
  seq = 0;
  epoch = "fake";
  corruptChecksums = false;
  private readonly sides = { bids: new Map<string, string>(), asks: new Map<string, string>() };

  constructor(readonly depth: number) {}

  /** Apply changes to the whole book; the update frame of the view (what changed in or entered it). */
  change(changes: { bids?: Pair[]; asks?: Pair[] }): object {
    const before = { bids: new Map(this.view("bids")), asks: new Map(this.view("asks")) };
    for (const side of ["bids", "asks"] as const) {
      for (const [price, size] of changes[side] ?? []) {
        if (size === "0") this.sides[side].delete(price);
        else this.sides[side].set(price, size);
      }
    }
    this.seq += 1;
    const diff = (side: "bids" | "asks"): Pair[] => {
      const after = this.view(side);
      const changed = after.filter(([price, size]) => before[side].get(price) !== size);
      const gone = [...before[side].keys()].filter((price) => !this.sides[side].has(price));
      return sortSide(side, [...changed, ...gone.map((price): Pair => [price, "0"])]);
    };
    return this.frame("orderbook.update", { bids: diff("bids"), asks: diff("asks") });
  }

  snapshot(): object {
    return this.frame("orderbook.snapshot", { bids: this.view("bids"), asks: this.view("asks") });
  }

  view(side: "bids" | "asks"): Pair[] {
    return sortSide(side, [...this.sides[side].entries()]).slice(0, this.depth);
  }

  private frame(type: string, levels: { bids: Pair[]; asks: Pair[] }): object {
    const checksum = bookChecksum(this.view("asks"), this.view("bids")) + (this.corruptChecksums ? 1 : 0);
    const payload = { time: 1_697_097_600_000 + this.seq, ...levels, checksum: checksum >>> 0 };
    return { type, topic: TOPIC, epoch: this.epoch, seq: this.seq, payload };
  }
}

/** The reference model orders prices by integers scaled to the spec's 12 decimals (not the helper's code). */
function scaled(price: string): bigint {
  const [whole = "0", fraction = ""] = price.split(".");
  return BigInt(whole + fraction.padEnd(12, "0"));
}

function sortSide(side: "bids" | "asks", levels: Pair[]): Pair[] {
  const sign = side === "bids" ? -1 : 1;
  return [...levels].sort((a, b) => sign * (scaled(a[0]) < scaled(b[0]) ? -1 : scaled(a[0]) > scaled(b[0]) ? 1 : 0));
}

function seedMarket(market: Market): void {
  market.change({
    bids: Array.from({ length: 14 }, (_, i): Pair => [`${99 - i}.${i % 2 ? "5" : "25"}`, String(i + 1)]),
    asks: Array.from({ length: 12 }, (_, i): Pair => [`${100 + i}.${i % 3 ? "75" : "5"}`, String(2 * i + 1)]),
  });
}

/** A fake server playing a market and a watch of its book; `ready` waits for the first snapshot. */
async function setup(t: TestContext, options: WatchOrderBookOptions = {}, ready = true) {
  const market = new Market(10);
  seedMarket(market);
  const server = await FakeServer.start({
    onSubscribe: (topic, send) => {
      if (topic === TOPIC) send(market.snapshot());
    },
  });
  const client = new TradingWebSocketsClient(server.url, FAST);
  await client.connect();
  const books: Array<{ bids: string; seq: number | undefined }> = [];
  const watch = watchOrderBook(client, { symbol: "AAPL", depth: 10 }, (book) => books.push({ bids: book.checksumString(), seq: book.seq }), options);
  t.after(async () => {
    await watch.unsubscribe();
    client.disconnect();
    await server.close();
  });
  if (ready) await watch.ready;
  /** Change the market and send the update to the topic's subscribers. */
  const change = (changes: { bids?: Pair[]; asks?: Pair[] }) => server.push(TOPIC, market.change(changes));
  const types = () => server.received.map((frame) => frame.type).filter((type) => type !== "ping");
  const matches = () => {
    const { book } = watch;
    const same = JSON.stringify([book.bids(), book.asks()]) === JSON.stringify([market.view("bids"), market.view("asks")]);
    return book.synced && book.seq === market.seq && same;
  };
  return { server, client, market, watch, books, change, types, matches };
}

test("watchOrderBook subscribes, applies the snapshot and updates, and calls onBook after each", async (t) => {
  const { watch, books, change, matches, types, client } = await setup(t);
  assert.equal(watch.topic, TOPIC);
  assert.deepEqual(watch.book.bids().length, 10); // the snapshot's view: 14 bids cut to 10
  change({ bids: [["99.25", "0"], ["99.75", "3"]] }); // removes the best, adds a better one
  change({ asks: [["100.25", "8"]] }); // a better ask: the 10th falls out of the view
  change({ bids: [["98.5", "0"], ["97.25", "0"]] }); // two bids leave: the 11th and 12th enter
  await eventually(matches, "the book of the market");
  await client.ping();
  assert.deepEqual(books.map((b) => b.seq), [1, 2, 3, 4]);
  assert.equal(watch.resyncs, 0);
  assert.deepEqual(types(), ["orderbook.subscribe"]);
});

test("a gap in seq resubscribes (unsubscribe + subscribe) and ends with the server's book", async (t) => {
  const reasons: string[] = [];
  const { watch, market, change, matches, types, server } = await setup(t, { onResync: (reason) => reasons.push(reason) });
  change({ bids: [["99.75", "3"]] });
  market.change({ asks: [["100.25", "8"]] }); // numbered and applied, but lost on the way
  change({ bids: [["98.5", "0"]] }); // seq 4 after 2: a gap
  await eventually(() => watch.resyncs === 1 && matches(), "a fresh snapshot after the gap");
  assert.deepEqual(reasons, ["gap"]);
  assert.deepEqual(types(), ["orderbook.subscribe", "orderbook.unsubscribe", "orderbook.subscribe"]);
  change({ asks: [["100.5", "0"]] });
  await eventually(matches, "updates flow again");
  assert.equal(watch.resyncs, 1);
  assert.equal(server.connections.length, 1);
});

test("a checksum mismatch resubscribes", async (t) => {
  const reasons: string[] = [];
  const { watch, market, change, matches, types } = await setup(t, { onResync: (reason) => reasons.push(reason) });
  market.corruptChecksums = true;
  change({ bids: [["99.75", "3"]] });
  market.corruptChecksums = false;
  await eventually(() => watch.resyncs === 1 && matches(), "a fresh snapshot after the mismatch");
  assert.deepEqual(reasons, ["checksum"]);
  assert.deepEqual(types(), ["orderbook.subscribe", "orderbook.unsubscribe", "orderbook.subscribe"]);
});

test("a frame dropped on the client side (the test hook) is a gap", async (t) => {
  let dropped = 0;
  const dropFrame = (frame: OrderBookFrame) => frame.seq === 3 && dropped++ === 0;
  const { watch, change, matches } = await setup(t, { dropFrame });
  change({ bids: [["99.75", "3"]] });
  change({ bids: [["99.8", "1"]] }); // seq 3: dropped
  change({ asks: [["100.25", "8"]] });
  await eventually(() => watch.resyncs === 1 && matches(), "resynced");
  assert.equal(dropped, 1);
});

test("a snapshot lost after the subscribe reply is noticed on the next update", async (t) => {
  let dropped = 0;
  const dropFrame = (frame: OrderBookFrame) => frame.type === "orderbook.snapshot" && dropped++ === 0;
  const reasons: string[] = [];
  const { client, server, watch, change, types, matches } = await setup(t, { dropFrame, onResync: (r) => reasons.push(r) }, false);
  await eventually(() => server.received.some((frame) => frame.type === "orderbook.subscribe"), "subscribed");
  await client.ping(); // the reply and the (dropped) snapshot have arrived
  change({ bids: [["99.75", "3"]] });
  await eventually(matches, "a fresh snapshot after the lost one");
  assert.deepEqual([dropped, watch.resyncs, reasons], [2, 1, ["gap"]]);
  assert.deepEqual(types(), ["orderbook.subscribe", "orderbook.unsubscribe", "orderbook.subscribe"]);
});

test("an update of another epoch is a gap", async (t) => {
  const { watch, market, change, matches } = await setup(t);
  market.epoch = "other";
  change({ bids: [["99.75", "3"]] });
  await eventually(() => watch.resyncs === 1 && matches(), "resynced to the new epoch");
});

test("a snapshot in place of missed messages replaces the book without a resync", async (t) => {
  const { watch, market, server, matches, books, client } = await setup(t);
  market.change({ bids: [["99.75", "3"]] });
  market.change({ asks: [["100.25", "8"]] });
  server.push(TOPIC, market.snapshot()); // what a lagging client gets
  await eventually(matches, "the snapshot applied");
  await client.ping();
  assert.equal(watch.resyncs, 0);
  assert.deepEqual(books.map((b) => b.seq), [1, 3]);
});

test("a persistent mismatch does not loop: one resubscribe at a time, each waiting longer", async (t) => {
  const { watch, market, change, server, types } = await setup(t, { resyncDelay: 20, resyncDelayCap: 80 });
  market.corruptChecksums = true; // every snapshot and update from now on is wrong
  change({ bids: [["99.75", "3"]] });
  await eventually(() => watch.resyncs >= 3, "a few resubscribes");
  await new Promise((resolve) => setTimeout(resolve, 250));
  // 0, 20, 40, 80, 80 ... ms apart: a handful in 250 ms, never a storm.
  assert.ok(watch.resyncs <= 8, `${watch.resyncs} resyncs`);
  const sent = types();
  const unsubscribes = sent.filter((type) => type === "orderbook.unsubscribe").length;
  assert.ok([watch.resyncs - 1, watch.resyncs].includes(unsubscribes), `${unsubscribes} unsubscribes`); // the last may wait
  // Strictly alternating: never two resubscribes in flight.
  assert.deepEqual(sent, ["orderbook.subscribe", ...Array(watch.resyncs).fill(["orderbook.unsubscribe", "orderbook.subscribe"]).flat()].slice(0, sent.length));
  assert.equal(watch.book.synced, false);
  market.corruptChecksums = false;
  await eventually(() => watch.book.synced, "in sync once the checksums are right", 2_000);
  assert.equal(server.connections.length, 1);
});

test("mismatches while a resubscribe is in flight make one more, not one each", async (t) => {
  const { watch, market, change, server, types, matches } = await setup(t, { resyncDelay: 30 });
  market.corruptChecksums = true;
  change({ bids: [["99.75", "3"]] }); // the first resubscribe starts
  for (let i = 0; i < 3; i++) server.push(TOPIC, market.snapshot()); // three bad snapshots meanwhile
  await eventually(() => watch.resyncs >= 2, "the one more");
  market.corruptChecksums = false;
  await eventually(matches, "in sync");
  await new Promise((resolve) => setTimeout(resolve, 50));
  // 2, or 3 when the bad snapshot that answers the first comes after it ended: never 4.
  assert.ok(watch.resyncs === 2 || watch.resyncs === 3, `${watch.resyncs} resyncs`);
  const pairs = Array(watch.resyncs).fill(["orderbook.unsubscribe", "orderbook.subscribe"]).flat();
  assert.deepEqual(types(), ["orderbook.subscribe", ...pairs]); // strictly one at a time
});

test("after a reconnect the watcher subscribes again and gets a fresh snapshot", async (t) => {
  const { watch, server, change, matches, market, client } = await setup(t);
  change({ bids: [["99.75", "3"]] });
  await eventually(matches, "in sync");
  const syncedWhileReconnecting: boolean[] = [];
  client.on("state", (c) => c.newState === "reconnecting" && syncedWhileReconnecting.push(watch.book.synced));
  server.dropAll();
  market.change({ asks: [["100.25", "8"]] }); // while nobody listens
  await eventually(() => server.connections[1]?.topics.has(TOPIC), "subscribed on the new connection");
  await eventually(matches, "the fresh snapshot applied");
  change({ asks: [["100.5", "0"]] });
  await eventually(matches, "updates flow again");
  assert.equal(watch.resyncs, 0);
  assert.deepEqual(syncedWhileReconnecting, [false]);
  assert.deepEqual(server.connections[1]?.received.map((f) => f.type), ["orderbook.subscribe"]);
});

test("unsubscribe tells the server and stops onBook", async (t) => {
  const { watch, books, market, server, types, client } = await setup(t);
  await watch.unsubscribe();
  await watch.unsubscribe(); // a second call is a no-op
  server.broadcast(market.change({ bids: [["99.75", "3"]] }) as ServerMessage); // even a stray frame of the topic
  await client.ping();
  assert.equal(books.length, 1);
  assert.deepEqual(types(), ["orderbook.subscribe", "orderbook.unsubscribe"]);
});

test("a watcher made before connect subscribes once connected", async (t) => {
  const market = new Market(10);
  seedMarket(market);
  const server = await FakeServer.start({ onSubscribe: (topic, send) => topic === TOPIC && send(market.snapshot()) });
  const client = new TradingWebSocketsClient(server.url, FAST);
  const watch = watchOrderBook(client, { symbol: "AAPL", depth: 10 }, () => {});
  t.after(async () => {
    await watch.unsubscribe();
    client.disconnect();
    await server.close();
  });
  await client.connect();
  const book = await watch.ready;
  assert.deepEqual([book.seq, book.bids()], [1, market.view("bids")]);
  assert.deepEqual(server.received.map((f) => f.type), ["orderbook.subscribe"]);
});
