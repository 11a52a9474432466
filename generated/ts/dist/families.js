// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 14baf53611dda2fe352544606974c5e6f29f426043be5448c52e25fdefb78455  generator: codegen 1.0.0
/**
 * The channel families of Trading WebSockets (`x-topics`): how each stream's topics are named and
 * how the server carries them (the spec's description says what each policy means).
 */
import { barsTopicOf } from "./protocol.js";
export const FAMILIES = {
    "bars": {
        name: "bars",
        template: "bars:{symbol}:{resolution}",
        update: "bars.update",
        delivery: "latest",
        key: ["time"],
        first: "last",
        snapshot: null,
        history: 1000,
        access: "public",
        subscribe: "bars.subscribe",
        unsubscribe: "bars.unsubscribe",
        subscribeReply: "bars.subscribe.response",
        unsubscribeReply: "bars.unsubscribe.response",
        topicOf: (payload) => barsTopicOf(payload),
    },
};
/** The family a topic name belongs to (by its name's first part), if any. */
export function familyOf(topic) {
    const name = topic.split(/[:#]/, 1)[0] ?? "";
    return Object.hasOwn(FAMILIES, name) ? FAMILIES[name] : undefined;
}
