// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 1868b5095b31fd1c64f3b44aff6dba36950f8e847adca59539356354cb4a419f  generator: codegen 1.0.0
/**
 * The channel families of Quotes (`x-topics`): how each stream's topics are named and
 * how the server carries them (the spec's description says what each policy means).
 */

import type { WatchRequest } from "./models.js";
import { quotesTopicOf } from "./protocol.js";

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
  "quotes": {
    name: "quotes",
    template: "quotes:{symbol}:{venue}",
    update: "quotes.tick",
    delivery: "latest",
    key: ["time"],
    first: "last",
    snapshot: null,
    history: 5,
    access: "public",
    subscribe: "quotes.watch",
    unsubscribe: "quotes.unwatch",
    subscribeReply: "quotes.watched",
    unsubscribeReply: "quotes.unwatched",
    topicOf: (payload) => quotesTopicOf(payload as WatchRequest),
  },
};

/** The family a topic name belongs to (by its name's first part), if any. */
export function familyOf(topic: string): Family | undefined {
  const name = topic.split(/[:#]/, 1)[0] ?? "";
  return Object.hasOwn(FAMILIES, name) ? FAMILIES[name] : undefined;
}
