// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 025c93bbd8885b5039169b235d2c48f26a6739f73e0b86b89a0e1c88d81a6599  generator: codegen 1.0.0
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
import type { ClientOptions, Subscription } from "./types.js";
import type { Quote, WatchRequest, WatchedMessagePayload, ClientMessage, ServerMessage } from "./models.js";
/** Client of Quotes; reconnects and resubscribes by itself. */
export declare class QuotesClient extends ClientCore<ClientMessage, ServerMessage> {
    constructor(url?: string, options?: ClientOptions);
    /** `quotes.watch` -> `quotes.watched`: Start a quote stream. */
    quotesWatch(payload: WatchRequest): Promise<WatchedMessagePayload>;
    /** `quotes.unwatch`: Stop a quote stream. */
    quotesUnwatch(payload: WatchRequest): Promise<void>;
    /** `hello` -> `welcome`: Greets the server. */
    hello(): Promise<void>;
    /**
     * Every `quotes.tick` of the topic `quotes:{symbol}:{venue}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeQuotes(payload: WatchRequest, onUpdate: (update: Quote, topic: string) => void): Subscription<WatchedMessagePayload>;
}
