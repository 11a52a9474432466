// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: bfec7ee3ad42d0aeda3498ff2f52f86e95e4159beea35e88781a4a540cbd216c  generator: codegen 1.0.0
/**
 * The typed client of Trading WebSockets: one method per client -> server operation
 * and one subscription method per topic, on top of the reconnecting core (core.ts).
 *
 *   const client = new TradingWebSocketsClient("ws://localhost:8000/api/v1/ws");
 *   await client.connect();
 *   const sub = client.subscribeBars(payload, (update, topic) => show(topic, update));
 *   await sub.unsubscribe();
 *   const sub = client.subscribeQuotes(payload, (update, topic) => show(topic, update));
 *   await sub.unsubscribe();
 *   const sub = client.subscribeTrades(payload, (update, topic) => show(topic, update));
 *   await sub.unsubscribe();
 *   const sub = client.subscribeOrderbook(payload, (update, topic) => show(topic, update));
 *   await sub.unsubscribe();
 */
import { ClientCore } from "./core.js";
import type { ClientOptions, Subscription } from "./types.js";
import type { Bar, BarsTopic, BarsUpdateMessage, BookRequest, BookView, OrderbookSnapshotMessage, OrderbookUpdateMessage, Quote, QuotesUpdateMessage, SubscribeTopics, SubscriptionRequest, SubscriptionResponse, SymbolRequest, Topic, TopicResults, Trades, TradesUpdateMessage, UnsubscribeTopics, ClientMessage, ServerMessage } from "./models.js";
/** Client of Trading WebSockets; reconnects and resubscribes by itself. */
export declare class TradingWebSocketsClient extends ClientCore<ClientMessage, ServerMessage> {
    constructor(url?: string, options?: ClientOptions);
    /** `bars.subscribe` -> `bars.subscribe.response`: Start receiving `bars.update` for one symbol and resolution. */
    barsSubscribe(payload: SubscriptionRequest): Promise<SubscriptionResponse>;
    /** `bars.unsubscribe` -> `bars.unsubscribe.response`: Stop receiving `bars.update` for one symbol and resolution. */
    barsUnsubscribe(payload: SubscriptionRequest): Promise<SubscriptionResponse>;
    /** `quotes.subscribe` -> `quotes.subscribe.response`: Start receiving the best bid and ask of a symbol. */
    quotesSubscribe(payload: SymbolRequest): Promise<SubscriptionResponse>;
    /** `quotes.unsubscribe` -> `quotes.unsubscribe.response`: Stop receiving the best bid and ask of a symbol. */
    quotesUnsubscribe(payload: SymbolRequest): Promise<SubscriptionResponse>;
    /** `trades.subscribe` -> `trades.subscribe.response`: Start receiving every trade of a symbol. */
    tradesSubscribe(payload: SymbolRequest): Promise<SubscriptionResponse>;
    /** `trades.unsubscribe` -> `trades.unsubscribe.response`: Stop receiving every trade of a symbol. */
    tradesUnsubscribe(payload: SymbolRequest): Promise<SubscriptionResponse>;
    /** `orderbook.subscribe` -> `orderbook.subscribe.response`: Start receiving a symbol's order book at a depth. */
    orderbookSubscribe(payload: BookRequest): Promise<SubscriptionResponse>;
    /** `orderbook.unsubscribe` -> `orderbook.unsubscribe.response`: Stop receiving a symbol's order book at a depth. */
    orderbookUnsubscribe(payload: BookRequest): Promise<SubscriptionResponse>;
    /** `subscribe` -> `subscribe.response`: Subscribe to several topics of any families at once, resuming each where it was. */
    subscribe(payload: SubscribeTopics): Promise<TopicResults>;
    /** `unsubscribe` -> `unsubscribe.response`: Stop receiving several topics at once. */
    unsubscribe(payload: UnsubscribeTopics): Promise<TopicResults>;
    /** `ping` -> `pong`: Keeps an idle connection alive; answered by `pong`. */
    ping(): Promise<void>;
    /**
     * Every `bars.update` of the topic `bars:{symbol}:{resolution}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeBars(payload: SubscriptionRequest, onUpdate: (update: Bar, topic: BarsTopic, message: BarsUpdateMessage) => void): Subscription<SubscriptionResponse>;
    /**
     * Every `quotes.update` of the topic `quotes:{symbol}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeQuotes(payload: SymbolRequest, onUpdate: (update: Quote, topic: Topic, message: QuotesUpdateMessage) => void): Subscription<SubscriptionResponse>;
    /**
     * Every `trades.update` of the topic `trades:{symbol}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeTrades(payload: SymbolRequest, onUpdate: (update: Trades, topic: Topic, message: TradesUpdateMessage) => void): Subscription<SubscriptionResponse>;
    /**
     * Every `orderbook.update` of the topic `orderbook:{symbol}:{depth}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeOrderbook(payload: BookRequest, onUpdate: (update: BookView, topic: Topic, message: OrderbookUpdateMessage | OrderbookSnapshotMessage) => void): Subscription<SubscriptionResponse>;
}
