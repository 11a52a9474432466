// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: b9ad22fa804f74e6f0ef38564478e53c4ec4cafe2da7e0d688867acc7b5cef0d  generator: codegen 1.0.0
/**
 * The channel families of Quotes (`x-topics`): how each stream's topics are named and
 * how the server carries them (the spec's description says what each policy means).
 */
import { quotesTopicOf } from "./protocol.js";
export const FAMILIES = {
    "quotes": {
        name: "quotes",
        template: "quotes:{symbol}:{venue}",
        update: "quotes.tick",
        delivery: "latest",
        key: ["time"],
        first: "last",
        snapshot: null,
        history: 5,
        access: "public",
        subscribe: "quotes.watch",
        unsubscribe: "quotes.unwatch",
        subscribeReply: "quotes.watched",
        unsubscribeReply: "quotes.unwatched",
        topicOf: (payload) => quotesTopicOf(payload),
    },
};
/** The family a topic name belongs to (by its name's first part), if any. */
export function familyOf(topic) {
    const name = topic.split(/[:#]/, 1)[0] ?? "";
    return Object.hasOwn(FAMILIES, name) ? FAMILIES[name] : undefined;
}
