// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: a8f43f6cd414e276b677906dade12ce94077cb1a2907e1ba822731f08a5b4cf5  generator: codegen 1.0.0
/**
 * The typed client of Trading WebSockets: one method per client -> server operation
 * and one subscription method per topic, on top of the reconnecting core (core.ts).
 *
 *   const client = new TradingWebSocketsClient("ws://localhost:8000/api/v1/ws");
 *   await client.connect();
 *   const sub = client.subscribeBars(payload, (update, topic) => show(topic, update));
 *   await sub.unsubscribe();
 */

import { ClientCore } from "./core.js";
import type { ClientOptions, Protocol, Route, Subscription } from "./types.js";
import type { Bar, BarsSubscribeResponseMessage, BarsTopic, BarsUnsubscribeResponseMessage, BarsUpdateMessage, PongMessage, SubscribeResponseMessage, SubscribeTopics, SubscriptionRequest, SubscriptionResponse, TopicResults, UnsubscribeResponseMessage, UnsubscribeTopics, ClientMessage, ServerMessage } from "./models.js";
import { DEFAULT_URL, HEARTBEAT_INTERVAL_MS, barsTopicOf } from "./protocol.js";
import { CLIENT_CHECKS } from "./validators.js";

/** Client message type -> the server message type that answers it; replies come in order. */
const REPLIES = {
  "bars.subscribe": "bars.subscribe.response",
  "bars.unsubscribe": "bars.unsubscribe.response",
  "subscribe": "subscribe.response",
  "unsubscribe": "unsubscribe.response",
  "ping": "pong",
} satisfies Record<ClientMessage["type"], ServerMessage["type"] | null>;

/** Server message type -> what the client does with it. */
const ROUTES = {
  "bars.subscribe.response": "reply",
  "bars.unsubscribe.response": "reply",
  "bars.update": "update",
  "subscribe.response": "reply",
  "unsubscribe.response": "reply",
  "subscription.reset": "event",
  "pong": "reply",
  "error": "event",
} satisfies Record<ServerMessage["type"], Route>;

const PROTOCOL: Protocol<ClientMessage> = {
  checks: CLIENT_CHECKS,
  replies: REPLIES,
  routes: ROUTES,
  keepAlive: { type: "ping" },
  heartbeatInterval: HEARTBEAT_INTERVAL_MS,
};

/** Client of Trading WebSockets; reconnects and resubscribes by itself. */
export class TradingWebSocketsClient extends ClientCore<ClientMessage, ServerMessage> {
  constructor(url: string = DEFAULT_URL, options: ClientOptions = {}) {
    super(url, options, PROTOCOL);
  }

  /** `bars.subscribe` -> `bars.subscribe.response`: Start receiving `bars.update` for one symbol and resolution. */
  barsSubscribe(payload: SubscriptionRequest): Promise<SubscriptionResponse> {
    return this.request<BarsSubscribeResponseMessage>({ type: "bars.subscribe", payload }).then((reply) => reply.payload);
  }

  /** `bars.unsubscribe` -> `bars.unsubscribe.response`: Stop receiving `bars.update` for one symbol and resolution. */
  barsUnsubscribe(payload: SubscriptionRequest): Promise<SubscriptionResponse> {
    return this.request<BarsUnsubscribeResponseMessage>({ type: "bars.unsubscribe", payload }).then((reply) => reply.payload);
  }

  /** `subscribe` -> `subscribe.response`: Subscribe to several topics of any families at once, resuming each where it was. */
  subscribe(payload: SubscribeTopics): Promise<TopicResults> {
    return this.request<SubscribeResponseMessage>({ type: "subscribe", payload }).then((reply) => reply.payload);
  }

  /** `unsubscribe` -> `unsubscribe.response`: Stop receiving several topics at once. */
  unsubscribe(payload: UnsubscribeTopics): Promise<TopicResults> {
    return this.request<UnsubscribeResponseMessage>({ type: "unsubscribe", payload }).then((reply) => reply.payload);
  }

  /** `ping` -> `pong`: Keeps an idle connection alive; answered by `pong`. */
  ping(): Promise<void> {
    return this.request<PongMessage>({ type: "ping" }).then(() => undefined);
  }

  /**
   * Every `bars.update` of the topic `bars:{symbol}:{resolution}` that `payload` names goes to
   * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
   */
  subscribeBars(
    payload: SubscriptionRequest,
    onUpdate: (update: Bar, topic: BarsTopic) => void,
  ): Subscription<SubscriptionResponse> {
    this.validate({ type: "bars.subscribe", payload });
    const calls = {
      subscribe: () => this.barsSubscribe(payload),
      unsubscribe: () => this.barsUnsubscribe(payload),
    };
    return this.openTopic(barsTopicOf(payload), calls, (update: BarsUpdateMessage) =>
      onUpdate(update.payload, update.topic),
    );
  }
}
