// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: c197337290abd83cab28f6110d70165b0016f5560f82f5ecb27ad6b6867791d5  generator: codegen 1.0.0
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
import type { Quote, WatchOutcome, WatchRequest, ClientMessage, ServerMessage } from "./models.js";
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
    subscribeQuotes(payload: WatchRequest, onUpdate: (update: Quote, topic: string) => void): Subscription<WatchOutcome>;
}
