// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 8e2164274fcf5106fd510758e63c2253b1a3301d4c029b9c0923aa6e3b9e2d1a  generator: codegen 1.0.0
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
import type { Bar, BarsSubscribeResponseMessage, BarsUnsubscribeResponseMessage, BarsUpdateMessage, PongMessage, SubscriptionRequest, SubscriptionResponse, Topic, ClientMessage, ServerMessage } from "./models.js";
import { DEFAULT_URL, HEARTBEAT_INTERVAL_MS, barsTopicOf } from "./protocol.js";
import { CLIENT_CHECKS } from "./validators.js";

/** Client message type -> the server message type that answers it; replies come in order. */
const REPLIES = {
  "bars.subscribe": "bars.subscribe.response",
  "bars.unsubscribe": "bars.unsubscribe.response",
  "ping": "pong",
} satisfies Record<ClientMessage["type"], ServerMessage["type"] | null>;

/** Server message type -> what the client does with it. */
const ROUTES = {
  "bars.subscribe.response": "reply",
  "bars.unsubscribe.response": "reply",
  "bars.update": "update",
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
    onUpdate: (update: Bar, topic: Topic) => void,
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
