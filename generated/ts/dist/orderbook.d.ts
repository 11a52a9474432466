// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: bddd736c5b96276805b85c72fc1d772195403b559293af05f6802e152184401f  generator: codegen 1.0.0
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
/**
 * A decimal string without leading zeros in its integer part or trailing zeros in its fraction
 * ("100.50" -> "100.5", "007" -> "7"): two prices are the same level when these are equal.
 * Throws a RangeError for anything but digits with an optional point and fraction.
 */
export declare function canonicalDecimal(text: string): string;
/** -1, 0 or 1 as the decimal `a` is below, equal to or above `b`; exact, whatever the lengths. */
export declare function compareDecimals(a: string, b: string): number;
/** CRC-32 (IEEE 802.3, as zlib's crc32), unsigned, of a string's UTF-8 bytes or of raw bytes. */
export declare function crc32(data: string | Uint8Array): number;
/**
 * The string the checksum is computed over: `price:size` of the asks (ascending), then the bids
 * (descending), joined by `|`; each side is cut to `depth` here, but must already be sorted.
 */
export declare function bookChecksumString(asks: readonly (readonly string[])[], bids: readonly (readonly string[])[], depth?: number): string;
/** The checksum of a book whose sides are sorted (asks ascending, bids descending). */
export declare function bookChecksum(asks: readonly (readonly string[])[], bids: readonly (readonly string[])[], depth?: number): number;
/**
 * The top `depth` levels of each side of one book. Apply the topic's snapshot, then its updates
 * in order; every result says whether the book is still the server's. An update is refused
 * ("gap", the book unchanged) unless its `seq` is the previous message's + 1 and the book is in
 * sync; after a "gap" or a "checksum" the book stays out of sync until the next snapshot.
 * A payload that is not a BookView (levels that are not pairs of decimal strings) throws a
 * RangeError and changes nothing.
 */
export declare class OrderBook {
    readonly depth: number;
    private readonly bidSide;
    private readonly askSide;
    private lastSeq;
    private lastTime;
    private inSync;
    constructor(depth: number);
    /** The `seq` of the last message applied (undefined before the first snapshot). */
    get seq(): number | undefined;
    /** The `time` of the last message applied, when it had one. */
    get time(): number | undefined;
    /** True after a snapshot and every update since applied with matching checksums. */
    get synced(): boolean;
    /** Replace the whole book (a snapshot may come at any time: it always wins). */
    applySnapshot(payload: BookPayload, seq: number): "ok" | "checksum";
    /** Apply the changed levels of an update (absolute sizes; size "0" removes the level). */
    applyUpdate(payload: BookPayload, seq: number): BookResult;
    /** Mark the book as no longer the server's (e.g. the connection dropped); levels are kept. */
    markStale(): void;
    /** Forget everything: no levels, no seq, out of sync. */
    reset(): void;
    /** Bids, best (highest) first, at most `depth`. */
    bids(): PriceLevel[];
    /** Asks, best (lowest) first, at most `depth`. */
    asks(): PriceLevel[];
    /** The string the checksum is computed over. */
    checksumString(): string;
    /** The book's checksum, as the server computes it. */
    checksum(): number;
    private apply;
}
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
    readonly params: {
        readonly depth: D;
    };
}
/**
 * What `watchOrderBook` needs of a client: the generated client of a spec with the `orderbook`
 * family is one (its `on`, `state`, `orderbookSubscribe` and `orderbookUnsubscribe`).
 */
export interface OrderBookClient<D extends number> {
    readonly state: string;
    on(event: "message", listener: (frame: OrderBookFrame) => void): () => void;
    on(event: "state", listener: (change: {
        readonly oldState: string;
        readonly newState: string;
    }) => void): () => void;
    orderbookSubscribe(payload: OrderBookRequest<D>): Promise<{
        readonly status: string;
        readonly message?: string;
    }>;
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
export declare function watchOrderBook<D extends number>(client: OrderBookClient<D>, target: {
    readonly symbol: string;
    readonly depth: D;
}, onBook: (book: OrderBook) => void, options?: WatchOrderBookOptions): OrderBookWatch;
