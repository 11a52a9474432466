// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: d292b701c0074eb3dddac44297eb59614c84c55362129dd5139aa14a79c74729  generator: codegen 1.0.0
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
import type { ClientOptions, Subscription } from "./types.js";
import type { Bar, BarsTopic, SubscribeTopics, SubscriptionRequest, SubscriptionResponse, TopicResults, UnsubscribeTopics, ClientMessage, ServerMessage } from "./models.js";
/** Client of Trading WebSockets; reconnects and resubscribes by itself. */
export declare class TradingWebSocketsClient extends ClientCore<ClientMessage, ServerMessage> {
    constructor(url?: string, options?: ClientOptions);
    /** `bars.subscribe` -> `bars.subscribe.response`: Start receiving `bars.update` for one symbol and resolution. */
    barsSubscribe(payload: SubscriptionRequest): Promise<SubscriptionResponse>;
    /** `bars.unsubscribe` -> `bars.unsubscribe.response`: Stop receiving `bars.update` for one symbol and resolution. */
    barsUnsubscribe(payload: SubscriptionRequest): Promise<SubscriptionResponse>;
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
    subscribeBars(payload: SubscriptionRequest, onUpdate: (update: Bar, topic: BarsTopic) => void): Subscription<SubscriptionResponse>;
}
