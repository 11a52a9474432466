// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 18d9fb5e162f47adb7460d46c8a658708402471109791a6f6efb48399ee65c9c  generator: codegen 1.0.0
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
import { DEFAULT_URL, HEARTBEAT_INTERVAL_MS, barsTopicOf, quotesTopicOf, tradesTopicOf, orderbookTopicOf } from "./protocol.js";
import { CLIENT_CHECKS } from "./validators.js";
/** Client message type -> the server message type that answers it; replies come in order. */
const REPLIES = {
    "bars.subscribe": "bars.subscribe.response",
    "bars.unsubscribe": "bars.unsubscribe.response",
    "quotes.subscribe": "quotes.subscribe.response",
    "quotes.unsubscribe": "quotes.unsubscribe.response",
    "trades.subscribe": "trades.subscribe.response",
    "trades.unsubscribe": "trades.unsubscribe.response",
    "orderbook.subscribe": "orderbook.subscribe.response",
    "orderbook.unsubscribe": "orderbook.unsubscribe.response",
    "subscribe": "subscribe.response",
    "unsubscribe": "unsubscribe.response",
    "ping": "pong",
};
/** Server message type -> what the client does with it. */
const ROUTES = {
    "bars.subscribe.response": "reply",
    "bars.unsubscribe.response": "reply",
    "bars.update": "update",
    "quotes.subscribe.response": "reply",
    "quotes.unsubscribe.response": "reply",
    "quotes.update": "update",
    "trades.subscribe.response": "reply",
    "trades.unsubscribe.response": "reply",
    "trades.update": "update",
    "orderbook.subscribe.response": "reply",
    "orderbook.unsubscribe.response": "reply",
    "orderbook.snapshot": "update",
    "orderbook.update": "update",
    "subscribe.response": "reply",
    "unsubscribe.response": "reply",
    "subscription.reset": "event",
    "pong": "reply",
    "error": "event",
};
const PROTOCOL = {
    checks: CLIENT_CHECKS,
    replies: REPLIES,
    routes: ROUTES,
    keepAlive: { type: "ping" },
    heartbeatInterval: HEARTBEAT_INTERVAL_MS,
};
/** Client of Trading WebSockets; reconnects and resubscribes by itself. */
export class TradingWebSocketsClient extends ClientCore {
    constructor(url = DEFAULT_URL, options = {}) {
        super(url, options, PROTOCOL);
    }
    /** `bars.subscribe` -> `bars.subscribe.response`: Start receiving `bars.update` for one symbol and resolution. */
    barsSubscribe(payload) {
        return this.request({ type: "bars.subscribe", payload }).then((reply) => reply.payload);
    }
    /** `bars.unsubscribe` -> `bars.unsubscribe.response`: Stop receiving `bars.update` for one symbol and resolution. */
    barsUnsubscribe(payload) {
        return this.request({ type: "bars.unsubscribe", payload }).then((reply) => reply.payload);
    }
    /** `quotes.subscribe` -> `quotes.subscribe.response`: Start receiving the best bid and ask of a symbol. */
    quotesSubscribe(payload) {
        return this.request({ type: "quotes.subscribe", payload }).then((reply) => reply.payload);
    }
    /** `quotes.unsubscribe` -> `quotes.unsubscribe.response`: Stop receiving the best bid and ask of a symbol. */
    quotesUnsubscribe(payload) {
        return this.request({ type: "quotes.unsubscribe", payload }).then((reply) => reply.payload);
    }
    /** `trades.subscribe` -> `trades.subscribe.response`: Start receiving every trade of a symbol. */
    tradesSubscribe(payload) {
        return this.request({ type: "trades.subscribe", payload }).then((reply) => reply.payload);
    }
    /** `trades.unsubscribe` -> `trades.unsubscribe.response`: Stop receiving every trade of a symbol. */
    tradesUnsubscribe(payload) {
        return this.request({ type: "trades.unsubscribe", payload }).then((reply) => reply.payload);
    }
    /** `orderbook.subscribe` -> `orderbook.subscribe.response`: Start receiving a symbol's order book at a depth. */
    orderbookSubscribe(payload) {
        return this.request({ type: "orderbook.subscribe", payload }).then((reply) => reply.payload);
    }
    /** `orderbook.unsubscribe` -> `orderbook.unsubscribe.response`: Stop receiving a symbol's order book at a depth. */
    orderbookUnsubscribe(payload) {
        return this.request({ type: "orderbook.unsubscribe", payload }).then((reply) => reply.payload);
    }
    /** `subscribe` -> `subscribe.response`: Subscribe to several topics of any families at once, resuming each where it was. */
    subscribe(payload) {
        return this.request({ type: "subscribe", payload }).then((reply) => reply.payload);
    }
    /** `unsubscribe` -> `unsubscribe.response`: Stop receiving several topics at once. */
    unsubscribe(payload) {
        return this.request({ type: "unsubscribe", payload }).then((reply) => reply.payload);
    }
    /** `ping` -> `pong`: Keeps an idle connection alive; answered by `pong`. */
    ping() {
        return this.request({ type: "ping" }).then(() => undefined);
    }
    /**
     * Every `bars.update` of the topic `bars:{symbol}:{resolution}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeBars(payload, onUpdate) {
        this.validate({ type: "bars.subscribe", payload });
        const calls = {
            subscribe: () => this.barsSubscribe(payload),
            unsubscribe: () => this.barsUnsubscribe(payload),
        };
        return this.openTopic(barsTopicOf(payload), calls, (update) => onUpdate(update.payload, update.topic, update));
    }
    /**
     * Every `quotes.update` of the topic `quotes:{symbol}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeQuotes(payload, onUpdate) {
        this.validate({ type: "quotes.subscribe", payload });
        const calls = {
            subscribe: () => this.quotesSubscribe(payload),
            unsubscribe: () => this.quotesUnsubscribe(payload),
        };
        return this.openTopic(quotesTopicOf(payload), calls, (update) => onUpdate(update.payload, update.topic, update));
    }
    /**
     * Every `trades.update` of the topic `trades:{symbol}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeTrades(payload, onUpdate) {
        this.validate({ type: "trades.subscribe", payload });
        const calls = {
            subscribe: () => this.tradesSubscribe(payload),
            unsubscribe: () => this.tradesUnsubscribe(payload),
        };
        return this.openTopic(tradesTopicOf(payload), calls, (update) => onUpdate(update.payload, update.topic, update));
    }
    /**
     * Every `orderbook.update` of the topic `orderbook:{symbol}:{depth}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeOrderbook(payload, onUpdate) {
        this.validate({ type: "orderbook.subscribe", payload });
        const calls = {
            subscribe: () => this.orderbookSubscribe(payload),
            unsubscribe: () => this.orderbookUnsubscribe(payload),
        };
        return this.openTopic(orderbookTopicOf(payload), calls, (update) => onUpdate(update.payload, update.topic, update));
    }
}
