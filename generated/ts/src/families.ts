// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: bc3fcf7a182702a4ee4f5dfeb10fdb2c0941511e166850be0ef90f7633165a6f  generator: codegen 1.0.0
/**
 * The channel families of Trading WebSockets (`x-topics`): how each stream's topics are named and
 * how the server carries them (the spec's description says what each policy means).
 */

import type { BookRequest, SubscriptionRequest, SymbolRequest } from "./models.js";
import { barsTopicOf, quotesTopicOf, tradesTopicOf, orderbookTopicOf } from "./protocol.js";

export type Delivery = "latest" | "stream" | "snapshot";
export type FirstMessage = "none" | "last" | "snapshot";
export type Access = "public" | "private";

export interface Family {
  readonly name: string;
  readonly template: string;
  /** The message type of its updates. */
  readonly update: string;
  readonly delivery: Delivery;
  /** JSON names from an update's payload to its integer state key; empty when it has none. */
  readonly key: readonly string[];
  readonly first: FirstMessage;
  readonly snapshot: string | null;
  /** How many messages the server keeps per topic (recovery and history). */
  readonly history: number;
  readonly access: Access;
  readonly subscribe: string;
  readonly unsubscribe: string;
  readonly subscribeReply: string;
  readonly unsubscribeReply: string;
  /** The topic a subscribe or unsubscribe payload names (public families: a private topic is the connection's). */
  readonly topicOf?: (payload: unknown) => string;
}

export const FAMILIES: Readonly<Record<string, Family>> = {
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
    topicOf: (payload) => barsTopicOf(payload as SubscriptionRequest),
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
    topicOf: (payload) => quotesTopicOf(payload as SymbolRequest),
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
    topicOf: (payload) => tradesTopicOf(payload as SymbolRequest),
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
    topicOf: (payload) => orderbookTopicOf(payload as BookRequest),
  },
};

/** The family a topic name belongs to (by its name's first part), if any. */
export function familyOf(topic: string): Family | undefined {
  const name = topic.split(/[:#]/, 1)[0] ?? "";
  return Object.hasOwn(FAMILIES, name) ? FAMILIES[name] : undefined;
}
