// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: aed032e71522d80412a25be46e1eff17edeaafc1df1c7d26ad5fcc1552bdc27e  generator: codegen 1.0.0
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
import type { Bar, SubscriptionRequest, SubscriptionResponse, Topic, ClientMessage, ServerMessage } from "./models.js";
/** Client of Trading WebSockets; reconnects and resubscribes by itself. */
export declare class TradingWebSocketsClient extends ClientCore<ClientMessage, ServerMessage> {
    constructor(url?: string, options?: ClientOptions);
    /** `bars.subscribe` -> `bars.subscribe.response`: Start receiving `bars.update` for one symbol and resolution. */
    barsSubscribe(payload: SubscriptionRequest): Promise<SubscriptionResponse>;
    /** `bars.unsubscribe` -> `bars.unsubscribe.response`: Stop receiving `bars.update` for one symbol and resolution. */
    barsUnsubscribe(payload: SubscriptionRequest): Promise<SubscriptionResponse>;
    /** `ping` -> `pong`: Keeps an idle connection alive; answered by `pong`. */
    ping(): Promise<void>;
    /**
     * Every `bars.update` of the topic `bars:{symbol}:{resolution}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeBars(payload: SubscriptionRequest, onUpdate: (update: Bar, topic: Topic) => void): Subscription<SubscriptionResponse>;
}
