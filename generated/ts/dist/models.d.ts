// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 65cda6bf8e90068d7c0b19f0944bd8ce57feb15553a9f3de1a961e5ad5141f7e  generator: codegen 1.0.0
/** Types of every schema and message of Trading WebSockets. */
/** A ticker as the market names it: letters, digits and `. - = ^ / _`, 1 to 32 characters (`AAPL`, `BRK.B`, `BTC-USD`, `EURUSD`, `ES=F`, `^GSPC`). Case is kept; no whitespace, control characters or `:` (the topic separator). */
export type Ticker = string;
/** Bar size. Minutes (`1`, `5`, `15`, `30`, `60`), day `D`, week `W`, month `M`. */
export type Resolution = "1" | "5" | "15" | "30" | "60" | "D" | "W" | "M";
/** Parameters of a bars subscription. */
export interface BarsParams {
    resolution?: Resolution;
}
/** Which bars to (un)subscribe. */
export interface SubscriptionRequest {
    symbol: Ticker;
    params?: BarsParams;
}
export interface BarsSubscribeMessage {
    type: "bars.subscribe";
    payload: SubscriptionRequest;
}
export interface BarsUnsubscribeMessage {
    type: "bars.unsubscribe";
    payload: SubscriptionRequest;
}
/** Which symbol's topic to (un)subscribe. */
export interface SymbolRequest {
    symbol: Ticker;
}
export interface QuotesSubscribeMessage {
    type: "quotes.subscribe";
    payload: SymbolRequest;
}
export interface QuotesUnsubscribeMessage {
    type: "quotes.unsubscribe";
    payload: SymbolRequest;
}
export interface TradesSubscribeMessage {
    type: "trades.subscribe";
    payload: SymbolRequest;
}
export interface TradesUnsubscribeMessage {
    type: "trades.unsubscribe";
    payload: SymbolRequest;
}
/** Levels per side of an order book subscription. */
export type Depth = 10 | 25 | 50;
/** Parameters of an order book subscription. */
export interface BookParams {
    depth?: Depth;
}
/** Which symbol's order book, at which depth. */
export interface BookRequest {
    symbol: Ticker;
    params?: BookParams;
}
export interface OrderbookSubscribeMessage {
    type: "orderbook.subscribe";
    payload: BookRequest;
}
export interface OrderbookUnsubscribeMessage {
    type: "orderbook.unsubscribe";
    payload: BookRequest;
}
/** Any string the client chooses; the reply carries it back. */
export type RequestId = string;
/** Topic names; each is checked on its own (a bad one fails only its own result), so any string is accepted here. */
export type TopicList = Array<string>;
/** A message's position in its topic's stream: 1 for the first message of an epoch, then +1 for each message published to the topic; at most 2^53 - 1, so JavaScript reads it exactly. 0 names the position before the first message. */
export type Seq = number;
/** Names one unbroken stream of a topic's sequence numbers; a new epoch means the server could no longer vouch for the old one (restart, storage lost, history expired). */
export type Epoch = string;
/** The last message a client applied on a topic. */
export interface StreamPosition {
    seq: Seq;
    epoch: Epoch;
}
/** Topics to subscribe, and where to resume each one. */
export interface SubscribeTopics {
    req_id?: RequestId;
    topics: TopicList;
    /** Topic -> the last position the client applied; a topic named here but not in `topics` is ignored. */
    since?: Record<string, StreamPosition>;
}
export interface SubscribeMessage {
    type: "subscribe";
    payload: SubscribeTopics;
}
/** Topics to unsubscribe. */
export interface UnsubscribeTopics {
    req_id?: RequestId;
    topics: TopicList;
}
export interface UnsubscribeMessage {
    type: "unsubscribe";
    payload: UnsubscribeTopics;
}
export interface PingMessage {
    type: "ping";
}
/** A topic name: a family name, then `:` (public families) or `#` (private ones, one topic per user), then the family's parameters as its `x-topics` template lays them out, e.g. `bars:AAPL:1`. Never whitespace, quotes or backslashes. */
export type Topic = string;
/** Why one topic of a request failed (the connection stays open). New codes may be added in any minor version (`x-extensible-enum`). */
export type TopicErrorCode = "invalid_topic" | "subscription_limit" | "permission_denied" | "auth_required" | "unavailable" | "capacity" | "internal_error" | (string & {});
/** The outcome of a subscribe or unsubscribe request. */
export interface SubscriptionResponse {
    status: "ok" | "error";
    symbol: Ticker;
    /** Human-readable outcome, e.g. `Subscribed to AAPL`. */
    message: string;
    topic: Topic;
    code?: TopicErrorCode;
}
export interface BarsSubscribeResponseMessage {
    type: "bars.subscribe.response";
    payload: SubscriptionResponse;
}
export interface BarsUnsubscribeResponseMessage {
    type: "bars.unsubscribe.response";
    payload: SubscriptionResponse;
}
/** A topic of the bars family, `bars:{symbol}:{resolution}`. */
export type BarsTopic = string;
/** One OHLCV bar; `time` is the start of its bucket in UTC. */
export interface Bar {
    /** Bucket start, Unix time in milliseconds; at most 2^53 - 1, the largest integer a JavaScript number holds exactly. */
    time: number;
    open: number;
    high: number;
    low: number;
    close: number;
    /** Traded quantity; at most 2^53 - 1, like `time`. */
    volume: number;
}
export interface BarsUpdateMessage {
    type: "bars.update";
    topic: BarsTopic;
    epoch: Epoch;
    seq: Seq;
    payload: Bar;
}
export interface QuotesSubscribeResponseMessage {
    type: "quotes.subscribe.response";
    payload: SubscriptionResponse;
}
export interface QuotesUnsubscribeResponseMessage {
    type: "quotes.unsubscribe.response";
    payload: SubscriptionResponse;
}
/** Unix time in milliseconds, at most 2^53 - 1. */
export type Time = number;
/** A non-negative decimal number as a string, at the symbol's tick (prices) or lot (sizes): digits, an optional point and fraction, no sign, exponent or leading zero (`150.25`, `0.001`, `100`), so nothing is lost to floats and checksums are exact. */
export type Decimal = string;
/** The best bid and ask of a symbol, with the sizes resting there. */
export interface Quote {
    time: Time;
    bid: Decimal;
    bid_size: Decimal;
    ask: Decimal;
    ask_size: Decimal;
}
export interface QuotesUpdateMessage {
    type: "quotes.update";
    topic: Topic;
    epoch: Epoch;
    seq: Seq;
    payload: Quote;
}
export interface TradesSubscribeResponseMessage {
    type: "trades.subscribe.response";
    payload: SubscriptionResponse;
}
export interface TradesUnsubscribeResponseMessage {
    type: "trades.unsubscribe.response";
    payload: SubscriptionResponse;
}
/** The taker's side of a trade. */
export type Side = "buy" | "sell";
/** One trade; `id` rises strictly with each trade of the symbol. */
export interface Trade {
    id: number;
    time: Time;
    price: Decimal;
    size: Decimal;
    side: Side;
}
/** Trades of one symbol, in the order they happened. */
export interface Trades {
    trades: Array<Trade>;
}
export interface TradesUpdateMessage {
    type: "trades.update";
    topic: Topic;
    epoch: Epoch;
    seq: Seq;
    payload: Trades;
}
export interface OrderbookSubscribeResponseMessage {
    type: "orderbook.subscribe.response";
    payload: SubscriptionResponse;
}
export interface OrderbookUnsubscribeResponseMessage {
    type: "orderbook.unsubscribe.response";
    payload: SubscriptionResponse;
}
/** One price level, `[price, size]`. */
export type Level = Array<Decimal>;
export type Levels = Array<Level>;
/** Levels of one depth's view of a book: all of them in a snapshot, the changed ones in an update; with the checksum of the view after it (see Order books above). */
export interface BookView {
    time: Time;
    bids: Levels;
    asks: Levels;
    checksum: number;
}
export interface OrderbookSnapshotMessage {
    type: "orderbook.snapshot";
    topic: Topic;
    epoch: Epoch;
    seq: Seq;
    payload: BookView;
}
export interface OrderbookUpdateMessage {
    type: "orderbook.update";
    topic: Topic;
    epoch: Epoch;
    seq: Seq;
    payload: BookView;
}
/** The outcome for one topic. On `ok`, `seq` and `epoch` are the topic's current position (the last message published before the subscription took effect); `recovered` and `recovered_count` answer a `since` of a subscribe. */
export interface TopicResult {
    /** The topic as the request named it. */
    topic: string;
    status: "ok" | "error";
    code?: TopicErrorCode;
    /** Human-readable outcome, on errors. */
    message?: string;
    seq?: Seq;
    epoch?: Epoch;
    /** true: every message after `since` follows, in order, before any live one; false: the gap cannot be filled (another epoch, or older than what is kept); the family's first message follows and the client should refetch history. */
    recovered?: boolean;
    /** How many missed messages follow the reply (with `recovered`). */
    recovered_count?: number;
}
export interface TopicResults {
    req_id?: RequestId;
    /** One result per distinct topic of the request, in request order. */
    results: Array<TopicResult>;
}
export interface SubscribeResponseMessage {
    type: "subscribe.response";
    payload: TopicResults;
}
export interface UnsubscribeResponseMessage {
    type: "unsubscribe.response";
    payload: TopicResults;
}
/** `epoch_changed`: the topic's stream restarted (history was lost); `gap`: this server missed messages of the topic (subscribe again with `since` to recover them). New reasons may be added in any minor version. */
export type ResetReason = "epoch_changed" | "gap" | (string & {});
export interface SubscriptionResetPayload {
    topic: Topic;
    epoch: Epoch;
    reason: ResetReason;
}
export interface SubscriptionResetMessage {
    type: "subscription.reset";
    payload: SubscriptionResetPayload;
}
export interface PongMessage {
    type: "pong";
}
/** Why the server is about to close the connection. New codes may be added in any minor version (`x-extensible-enum`): clients must treat an unknown code as a generic error. */
export type ErrorCode = "invalid_json" | "invalid_frame" | "unknown_type" | "validation_error" | "heartbeat_timeout" | "lifespan_exceeded" | "message_too_big" | "slow_consumer" | "rate_limited" | "token_expired" | "invalid_utf8" | (string & {});
/** One problem found in the client's frame. */
export interface ErrorDetail {
    /** JSON pointer to the offending value in the client's frame. */
    path: string;
    message: string;
}
export interface ErrorPayload {
    code: ErrorCode;
    /** Human-readable explanation. */
    message: string;
    /** Whether reconnecting can help (as `x-close-codes` says for the close that follows): false for bad input, which would only be refused again. */
    retry: boolean;
    errors?: Array<ErrorDetail>;
}
export interface ErrorMessage {
    type: "error";
    payload: ErrorPayload;
}
/** Changes of a symbol's whole book, as a producer publishes them to `orderbook:{symbol}`: absolute sizes per price, `"0"` removes the level; with `replace`, the message is the whole book. */
export interface BookChanges {
    time: Time;
    bids: Levels;
    asks: Levels;
    /** The message is the whole book: every level it does not name is removed first (a producer that starts, or restarts, and cannot know what the service holds). */
    replace?: boolean;
}
/** Every Resolution, in spec order. */
export declare const RESOLUTION_VALUES: readonly Resolution[];
/** Every Depth, in spec order. */
export declare const DEPTH_VALUES: readonly Depth[];
/** Every TopicErrorCode, in spec order. */
export declare const TOPIC_ERROR_CODE_VALUES: readonly TopicErrorCode[];
/** Every Side, in spec order. */
export declare const SIDE_VALUES: readonly Side[];
/** Every ResetReason, in spec order. */
export declare const RESET_REASON_VALUES: readonly ResetReason[];
/** Every ErrorCode, in spec order. */
export declare const ERROR_CODE_VALUES: readonly ErrorCode[];
/** Any message a client sends. */
export type ClientMessage = BarsSubscribeMessage | BarsUnsubscribeMessage | QuotesSubscribeMessage | QuotesUnsubscribeMessage | TradesSubscribeMessage | TradesUnsubscribeMessage | OrderbookSubscribeMessage | OrderbookUnsubscribeMessage | SubscribeMessage | UnsubscribeMessage | PingMessage;
export declare const CLIENT_TYPES: readonly ClientMessage["type"][];
/** Any message the server sends. */
export type ServerMessage = BarsSubscribeResponseMessage | BarsUnsubscribeResponseMessage | BarsUpdateMessage | QuotesSubscribeResponseMessage | QuotesUnsubscribeResponseMessage | QuotesUpdateMessage | TradesSubscribeResponseMessage | TradesUnsubscribeResponseMessage | TradesUpdateMessage | OrderbookSubscribeResponseMessage | OrderbookUnsubscribeResponseMessage | OrderbookSnapshotMessage | OrderbookUpdateMessage | SubscribeResponseMessage | UnsubscribeResponseMessage | SubscriptionResetMessage | PongMessage | ErrorMessage;
export declare const SERVER_TYPES: readonly ServerMessage["type"][];
