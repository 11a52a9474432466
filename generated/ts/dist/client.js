// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: b5b70c3d617d1c236568cbc3eb291f63743eb39dbce1bf4d3dbdc9de7f142662  generator: codegen 1.0.0
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
import { DEFAULT_URL, HEARTBEAT_INTERVAL_MS, barsTopicOf } from "./protocol.js";
import { CLIENT_CHECKS } from "./validators.js";
/** Client message type -> the server message type that answers it; replies come in order. */
const REPLIES = {
    "bars.subscribe": "bars.subscribe.response",
    "bars.unsubscribe": "bars.unsubscribe.response",
    "subscribe": "subscribe.response",
    "unsubscribe": "unsubscribe.response",
    "ping": "pong",
};
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
};
const PROTOCOL = {
    checks: CLIENT_CHECKS,
    replies: REPLIES,
    routes: ROUTES,
    keepAlive: { type: "ping" },
    heartbeatInterval: HEARTBEAT_INTERVAL_MS,
};
/** Client of Trading WebSockets; reconnects and resubscribes by itself. */
export class TradingWebSocketsClient extends ClientCore {
    constructor(url = DEFAULT_URL, options = {}) {
        super(url, options, PROTOCOL);
    }
    /** `bars.subscribe` -> `bars.subscribe.response`: Start receiving `bars.update` for one symbol and resolution. */
    barsSubscribe(payload) {
        return this.request({ type: "bars.subscribe", payload }).then((reply) => reply.payload);
    }
    /** `bars.unsubscribe` -> `bars.unsubscribe.response`: Stop receiving `bars.update` for one symbol and resolution. */
    barsUnsubscribe(payload) {
        return this.request({ type: "bars.unsubscribe", payload }).then((reply) => reply.payload);
    }
    /** `subscribe` -> `subscribe.response`: Subscribe to several topics of any families at once, resuming each where it was. */
    subscribe(payload) {
        return this.request({ type: "subscribe", payload }).then((reply) => reply.payload);
    }
    /** `unsubscribe` -> `unsubscribe.response`: Stop receiving several topics at once. */
    unsubscribe(payload) {
        return this.request({ type: "unsubscribe", payload }).then((reply) => reply.payload);
    }
    /** `ping` -> `pong`: Keeps an idle connection alive; answered by `pong`. */
    ping() {
        return this.request({ type: "ping" }).then(() => undefined);
    }
    /**
     * Every `bars.update` of the topic `bars:{symbol}:{resolution}` that `payload` names goes to
     * `onUpdate` until unsubscribed; the subscription is replayed after every reconnect.
     */
    subscribeBars(payload, onUpdate) {
        this.validate({ type: "bars.subscribe", payload });
        const calls = {
            subscribe: () => this.barsSubscribe(payload),
            unsubscribe: () => this.barsUnsubscribe(payload),
        };
        return this.openTopic(barsTopicOf(payload), calls, (update) => onUpdate(update.payload, update.topic));
    }
}
