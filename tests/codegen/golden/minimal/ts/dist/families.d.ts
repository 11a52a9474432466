// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 230e4668a6075e2c16e58278ac461fdded6151308ce71f9f15f5f5927791d9c0  generator: codegen 1.0.0
/**
 * The channel families of Quotes (`x-topics`): how each stream's topics are named and
 * how the server carries them (the spec's description says what each policy means).
 */
export type Delivery = "latest" | "stream" | "snapshot";
export type FirstMessage = "none" | "last" | "snapshot";
export type Access = "public" | "private";
export interface Family {
    readonly name: string;
    readonly template: string;
    /** The message type of its updates. */
    readonly update: string;
    readonly delivery: Delivery;
    /** JSON names from an update's payload to its integer state key; empty when it has none. */
    readonly key: readonly string[];
    readonly first: FirstMessage;
    readonly snapshot: string | null;
    /** How many messages the server keeps per topic (recovery and history). */
    readonly history: number;
    readonly access: Access;
    readonly subscribe: string;
    readonly unsubscribe: string;
    readonly subscribeReply: string;
    readonly unsubscribeReply: string;
    /** The topic a subscribe or unsubscribe payload names (public families: a private topic is the connection's). */
    readonly topicOf?: (payload: unknown) => string;
}
export declare const FAMILIES: Readonly<Record<string, Family>>;
/** The family a topic name belongs to (by its name's first part), if any. */
export declare function familyOf(topic: string): Family | undefined;
