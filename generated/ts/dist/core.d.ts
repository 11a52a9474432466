// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 3e1d84592ab2b5a7008c1397d360e409403503e25a3b66bca01d60a4fe2bcb17  generator: codegen 1.0.0
/**
 * The message-independent part of the generated client: one WebSocket with explicit states,
 * reconnects with capped full-jitter backoff, a keep-alive, replies matched to their requests,
 * and topic subscriptions that are replayed after every reconnect. client.ts adds one typed
 * method per operation of the spec on top of `request` and `openTopic`.
 */
import type { ClientEvents, ClientOptions, ConnectionState, Protocol, Subscription, TopicCalls } from "./types.js";
interface Frame {
    readonly type: string;
}
export declare abstract class ClientCore<Out extends Frame, In extends Frame> {
    readonly url: string;
    private readonly protocol;
    private readonly WebSocket;
    private readonly replyTimeout;
    private readonly keepAliveInterval;
    private readonly backoffBase;
    private readonly backoffCap;
    private readonly connectTimeout;
    private readonly events;
    private readonly replies;
    private readonly topics;
    private currentState;
    private connected;
    private socket;
    private attempt;
    private retryTimer;
    private keepAliveTimer;
    private connectTimer;
    protected constructor(url: string, options: ClientOptions, protocol: Protocol<Out>);
    get state(): ConnectionState;
    /** Listen to `state`, `message` or `error`; returns a function that stops listening. */
    on<K extends keyof ClientEvents<In>>(event: K, listener: (value: ClientEvents<In>[K]) => void): () => void;
    /** Start connecting (and reconnecting); resolves once connected, rejects if disconnect() comes first. */
    connect(): Promise<void>;
    /** Close the connection and stop reconnecting. Subscriptions are kept for the next connect(). */
    disconnect(): void;
    /** Throw a PayloadError naming every problem of the frame; the frame is not sent. */
    protected validate(frame: Out): void;
    /** Validate and send a frame; resolve with its reply (undefined for a frame without one). */
    protected request<R>(frame: Out): Promise<R>;
    /** Route the topic's updates to `onUpdate` until unsubscribed; subscribes on the server if needed. */
    protected openTopic<U extends In, R>(topic: string, calls: TopicCalls<R>, onUpdate: (update: U) => void): Subscription<R>;
    private addTopic;
    /** Subscribe on the server: the one path for a first subscribe and every replay after a reconnect. */
    private activate;
    private closeTopic;
    private deliver;
    /**
     * Every state change goes through here; a change to the current state is no change, except
     * that each new retry time while reconnecting is announced (a UI counts down to it).
     */
    private setState;
    private open;
    private onOpen;
    private onFrame;
    /** Route -> what happens to a frame of that route: the dispatch table of incoming frames. */
    private readonly routes;
    private onClose;
    private scheduleReconnect;
    /** Let go of the socket: stop its timers, fail its pending requests, close it if still open. */
    private dropSocket;
    private startKeepAlive;
}
export {};
