// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: e768186ad5c376c41c1de3d896fcb5436bb3a025df338484ae08a9f328a5758e  generator: codegen 1.0.0
/**
 * The typed client of Quotes: one method per client -> server operation
 * and one subscription method per topic, on top of the reconnecting core (core.ts).
 *
 *   const client = new QuotesClient("ws://localhost:9000/ws");
 *   await client.connect();
 *   const sub = client.subscribeQuotes(payload, (update, topic) => show(topic, update));
 *   await sub.unsubscribe();
 */

import { ClientCore } from "./core.js";
import type { ClientOptions, Protocol, Route, Subscription } from "./types.js";
import type { Quote, TickMessage, UnwatchedMessage, WatchOutcome, WatchRequest, WatchedMessage, WelcomeMessage, ClientMessage, ServerMessage } from "./models.js";
import { DEFAULT_URL, HEARTBEAT_INTERVAL_MS, quotesTopicOf } from "./protocol.js";
import { CLIENT_CHECKS } from "./validators.js";

/** Client message type -> the server message type that answers it; replies come in order. */
const REPLIES = {
  "quotes.watch": "quotes.watched",
  "quotes.unwatch": "quotes.unwatched",
  "hello": "welcome",
} satisfies Record<ClientMessage["type"], ServerMessage["type"] | null>;

/** Server message type -> what the client does with it. */
const ROUTES = {
  "quotes.watched": "reply",
  "quotes.unwatched": "reply",
  "quotes.tick": "update",
  "welcome": "reply",
} satisfies Record<ServerMessage["type"], Route>;

const PROTOCOL: Protocol<ClientMessage> = {
  checks: CLIENT_CHECKS,
  replies: REPLIES,
  routes: ROUTES,
  keepAlive: null,
  heartbeatInterval: HEARTBEAT_INTERVAL_MS,
};

/** Client of Quotes; reconnects and resubscribes by itself. */
export class QuotesClient extends ClientCore<ClientMessage, ServerMessage> {
  constructor(url: string = DEFAULT_URL, options: ClientOptions = {}) {
    super(url, options, PROTOCOL);
  }

  /** `quotes.watch` -> `quotes.watched`: Start a quote stream. */
  quotesWatch(payload: WatchRequest): Promise<WatchOutcome> {
    return this.request<WatchedMessage>({ type: "quotes.watch", payload }).then((reply) => reply.payload);
  }

  /** `quotes.unwatch` -> `quotes.unwatched`: Stop a quote stream. */
  quotesUnwatch(payload: WatchRequest): Promise<WatchOutcome> {
    return this.request<UnwatchedMessage>({ type: "quotes.unwatch", payload }).then((reply) => reply.payload);
  }

  /** `hello` -> `welcome`: Greets the server. */
  hello(): Promise<void> {
    return this.request<WelcomeMessage>({ type: "hello" }).then(() => undefined);
  }

  /**
   * Every `quotes.tick` of the topic `quotes:{symbol}:{venue}` that `payload` names goes to
   * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
   */
  subscribeQuotes(
    payload: WatchRequest,
    onUpdate: (update: Quote, topic: string, message: TickMessage) => void,
  ): Subscription<WatchOutcome> {
    this.validate({ type: "quotes.watch", payload });
    const calls = {
      subscribe: () => this.quotesWatch(payload),
      unsubscribe: () => this.quotesUnwatch(payload),
    };
    return this.openTopic(quotesTopicOf(payload), calls, (update: TickMessage) =>
      onUpdate(update.payload, update.topic, update),
    );
  }
}
