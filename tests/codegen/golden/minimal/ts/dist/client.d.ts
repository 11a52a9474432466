// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 2e69ceb04170f277a20c85aab0a11b1360bc1bf08bc2075dad8bf9ae44dc448b  generator: codegen 1.0.0
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
import type { Quote, TickMessage, WatchOutcome, WatchRequest, ClientMessage, ServerMessage } from "./models.js";
/** Client of Quotes; reconnects and resubscribes by itself. */
export declare class QuotesClient extends ClientCore<ClientMessage, ServerMessage> {
    constructor(url?: string, options?: ClientOptions);
    /** `quotes.watch` -> `quotes.watched`: Start a quote stream. */
    quotesWatch(payload: WatchRequest): Promise<WatchOutcome>;
    /** `quotes.unwatch` -> `quotes.unwatched`: Stop a quote stream. */
    quotesUnwatch(payload: WatchRequest): Promise<WatchOutcome>;
    /** `hello` -> `welcome`: Greets the server. */
    hello(): Promise<void>;
    /**
     * Every `quotes.tick` of the topic `quotes:{symbol}:{venue}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeQuotes(payload: WatchRequest, onUpdate: (update: Quote, topic: string, message: TickMessage) => void): Subscription<WatchOutcome>;
}
