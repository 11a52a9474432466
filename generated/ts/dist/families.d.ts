// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: a6ae58c90e60779bda982bb9428dd0efcb76fe7810158be1a3f77b5f115cec8d  generator: codegen 1.0.0
/**
 * The channel families of Trading WebSockets (`x-topics`): how each stream's topics are named and
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
