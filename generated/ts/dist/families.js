// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: c8e40683f9e8d0c733eb7658159b8e0e080d645076a03bdb6ed3fa4d7921be85  generator: codegen 1.0.0
/**
 * The channel families of Trading WebSockets (`x-topics`): how each stream's topics are named and
 * how the server carries them (the spec's description says what each policy means).
 */
import { barsTopicOf, quotesTopicOf, tradesTopicOf, orderbookTopicOf } from "./protocol.js";
export const FAMILIES = {
    "bars": {
        name: "bars",
        template: "bars:{symbol}:{resolution}",
        update: "bars.update",
        delivery: "latest",
        key: ["time"],
        first: "last",
        snapshot: null,
        history: 1000,
        access: "public",
        subscribe: "bars.subscribe",
        unsubscribe: "bars.unsubscribe",
        subscribeReply: "bars.subscribe.response",
        unsubscribeReply: "bars.unsubscribe.response",
        topicOf: (payload) => barsTopicOf(payload),
    },
    "quotes": {
        name: "quotes",
        template: "quotes:{symbol}",
        update: "quotes.update",
        delivery: "latest",
        key: [],
        first: "last",
        snapshot: null,
        history: 1,
        access: "public",
        subscribe: "quotes.subscribe",
        unsubscribe: "quotes.unsubscribe",
        subscribeReply: "quotes.subscribe.response",
        unsubscribeReply: "quotes.unsubscribe.response",
        topicOf: (payload) => quotesTopicOf(payload),
    },
    "trades": {
        name: "trades",
        template: "trades:{symbol}",
        update: "trades.update",
        delivery: "stream",
        key: [],
        first: "none",
        snapshot: null,
        history: 1000,
        access: "public",
        subscribe: "trades.subscribe",
        unsubscribe: "trades.unsubscribe",
        subscribeReply: "trades.subscribe.response",
        unsubscribeReply: "trades.unsubscribe.response",
        topicOf: (payload) => tradesTopicOf(payload),
    },
    "orderbook": {
        name: "orderbook",
        template: "orderbook:{symbol}:{depth}",
        update: "orderbook.update",
        delivery: "snapshot",
        key: [],
        first: "snapshot",
        snapshot: "orderbook.snapshot",
        history: 0,
        access: "public",
        subscribe: "orderbook.subscribe",
        unsubscribe: "orderbook.unsubscribe",
        subscribeReply: "orderbook.subscribe.response",
        unsubscribeReply: "orderbook.unsubscribe.response",
        topicOf: (payload) => orderbookTopicOf(payload),
    },
};
/** The family a topic name belongs to (by its name's first part), if any. */
export function familyOf(topic) {
    const name = topic.split(/[:#]/, 1)[0] ?? "";
    return Object.hasOwn(FAMILIES, name) ? FAMILIES[name] : undefined;
}
