// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 45a88fdf8f7ca252486e74a42b4c763a378f01590cb7573da442a308757b9791  generator: codegen 1.0.0
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
    "ping": "pong",
};
/** Server message type -> what the client does with it. */
const ROUTES = {
    "bars.subscribe.response": "reply",
    "bars.unsubscribe.response": "reply",
    "bars.update": "update",
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
