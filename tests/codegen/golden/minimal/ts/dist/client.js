// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 471282dade90baa20a5fd5f689f5230c21bb8514b06489b0ccc7c831224755d3  generator: codegen 1.0.0
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
import { DEFAULT_URL, HEARTBEAT_INTERVAL_MS, quotesTopicOf } from "./protocol.js";
import { CLIENT_CHECKS } from "./validators.js";
/** Client message type -> the server message type that answers it; replies come in order. */
const REPLIES = {
    "quotes.watch": "quotes.watched",
    "quotes.unwatch": "quotes.unwatched",
    "hello": "welcome",
};
/** Server message type -> what the client does with it. */
const ROUTES = {
    "quotes.watched": "reply",
    "quotes.unwatched": "reply",
    "quotes.tick": "update",
    "welcome": "reply",
};
const PROTOCOL = {
    checks: CLIENT_CHECKS,
    replies: REPLIES,
    routes: ROUTES,
    keepAlive: null,
    heartbeatInterval: HEARTBEAT_INTERVAL_MS,
};
/** Client of Quotes; reconnects and resubscribes by itself. */
export class QuotesClient extends ClientCore {
    constructor(url = DEFAULT_URL, options = {}) {
        super(url, options, PROTOCOL);
    }
    /** `quotes.watch` -> `quotes.watched`: Start a quote stream. */
    quotesWatch(payload) {
        return this.request({ type: "quotes.watch", payload }).then((reply) => reply.payload);
    }
    /** `quotes.unwatch` -> `quotes.unwatched`: Stop a quote stream. */
    quotesUnwatch(payload) {
        return this.request({ type: "quotes.unwatch", payload }).then((reply) => reply.payload);
    }
    /** `hello` -> `welcome`: Greets the server. */
    hello() {
        return this.request({ type: "hello" }).then(() => undefined);
    }
    /**
     * Every `quotes.tick` of the topic `quotes:{symbol}:{venue}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeQuotes(payload, onUpdate) {
        this.validate({ type: "quotes.watch", payload });
        const calls = {
            subscribe: () => this.quotesWatch(payload),
            unsubscribe: () => this.quotesUnwatch(payload),
        };
        return this.openTopic(quotesTopicOf(payload), calls, (update) => onUpdate(update.payload, update.topic, update));
    }
}
