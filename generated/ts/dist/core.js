// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 097603d0dd2b46d07411de07b50a5937e5b65ad28bcac4403c2b30d74fa6248c  generator: codegen 1.0.0
/**
 * The message-independent part of the generated client: one WebSocket with explicit states,
 * reconnects with capped full-jitter backoff, a keep-alive, replies matched to their requests,
 * and topic subscriptions that are replayed after every reconnect. client.ts adds one typed
 * method per operation of the spec on top of `request` and `openTopic`.
 */
import { backoffDelay } from "./backoff.js";
import * as codes from "./codes.js";
import { callSafely, Emitter } from "./emitter.js";
import { ConnectionError, FrameError, PayloadError, ReplyTimeoutError } from "./errors.js";
import { ReplyQueues } from "./replies.js";
import { detach, globalWebSocket, OPEN } from "./transport.js";
class Deferred {
    promise;
    resolve = () => { };
    reject = () => { };
    constructor() {
        this.promise = new Promise((resolve, reject) => {
            this.resolve = resolve;
            this.reject = reject;
        });
        // A rejection is for whoever awaits it; one nobody awaits must not crash the process.
        this.promise.catch(() => { });
    }
}
export class ClientCore {
    url;
    protocol;
    WebSocket;
    replyTimeout;
    keepAliveInterval;
    backoffBase;
    backoffCap;
    connectTimeout;
    events = new Emitter();
    replies = new ReplyQueues();
    topics = new Map();
    currentState = "disconnected";
    connected = new Deferred();
    socket = null;
    attempt = 0;
    retryTimer;
    keepAliveTimer;
    connectTimer;
    constructor(url, options, protocol) {
        this.url = url;
        this.protocol = protocol;
        this.WebSocket = options.WebSocket ?? globalWebSocket();
        this.replyTimeout = positive("replyTimeout", options.replyTimeout ?? 10_000);
        this.keepAliveInterval = positive("keepAliveInterval", options.keepAliveInterval ?? protocol.heartbeatInterval / 3);
        this.backoffBase = positive("backoffBase", options.backoffBase ?? 250);
        this.backoffCap = positive("backoffCap", options.backoffCap ?? 30_000);
        this.connectTimeout = positive("connectTimeout", options.connectTimeout ?? 10_000);
    }
    get state() {
        return this.currentState;
    }
    /** Listen to `state`, `message` or `error`; returns a function that stops listening. */
    on(event, listener) {
        return this.events.on(event, listener);
    }
    /** Start connecting (and reconnecting); resolves once connected, rejects if disconnect() comes first. */
    connect() {
        const connected = this.connected.promise; // open() may already settle and replace it
        if (this.currentState === "disconnected") {
            this.setState("connecting", codes.CONNECT_CALLED);
            this.open();
        }
        return connected;
    }
    /** Close the connection and stop reconnecting. Subscriptions are kept for the next connect(). */
    disconnect() {
        if (this.currentState === "disconnected")
            return;
        clearTimeout(this.retryTimer);
        this.dropSocket(codes.NORMAL_CLOSURE, new ConnectionError("disconnect called before the reply came"));
        this.setState("disconnected", codes.DISCONNECT_CALLED);
    }
    // ---- for the generated client ----------------------------------------------------------
    /** Throw a PayloadError naming every problem of the frame; the frame is not sent. */
    validate(frame) {
        const check = this.protocol.checks[frame.type];
        const problems = check ? check(frame, "") : [{ path: "/type", message: "names no client message" }];
        if (problems.length > 0)
            throw new PayloadError(frame.type, problems);
    }
    /** Validate and send a frame; resolve with its reply (undefined for a frame without one). */
    request(frame) {
        try {
            this.validate(frame);
            const socket = this.socket;
            if (socket === null || socket.readyState !== OPEN || this.currentState !== "connected") {
                throw new ConnectionError(`not connected: ${frame.type} was not sent`);
            }
            socket.send(JSON.stringify(frame));
            const replyType = this.protocol.replies[frame.type] ?? null;
            if (replyType === null)
                return Promise.resolve(undefined);
            return this.replies.expect(replyType, frame.type, this.replyTimeout);
        }
        catch (error) {
            return Promise.reject(asError(error));
        }
    }
    /** Route the topic's updates to `onUpdate` until unsubscribed; subscribes on the server if needed. */
    openTopic(topic, calls, onUpdate) {
        const entry = this.topics.get(topic) ?? this.addTopic(topic, calls);
        const listener = (update) => onUpdate(update);
        entry.listeners.add(listener);
        let active = true;
        return {
            topic,
            ready: entry.ready.promise,
            unsubscribe: async () => {
                if (!active)
                    return;
                active = false;
                await this.closeTopic(entry, listener);
            },
        };
    }
    // ---- topics ------------------------------------------------------------------------------
    addTopic(topic, calls) {
        const entry = { topic, calls, listeners: new Set(), ready: new Deferred() };
        this.topics.set(topic, entry);
        if (this.currentState === "connected")
            this.activate(entry);
        return entry;
    }
    /** Subscribe on the server: the one path for a first subscribe and every replay after a reconnect. */
    activate(entry) {
        if (this.topics.get(entry.topic) !== entry)
            return;
        entry.calls.subscribe().then((reply) => entry.ready.resolve(reply), (error) => {
            // A closed connection is no failure: the next connect replays the subscription.
            if (!(error instanceof ConnectionError))
                this.events.emit("error", asError(error));
        });
    }
    async closeTopic(entry, listener) {
        entry.listeners.delete(listener);
        if (entry.listeners.size > 0 || this.topics.get(entry.topic) !== entry)
            return;
        this.topics.delete(entry.topic);
        if (this.currentState !== "connected")
            return; // no server-side subscription is left to end
        try {
            await entry.calls.unsubscribe();
        }
        catch (error) {
            if (!(error instanceof ConnectionError))
                throw error; // a lost connection ended it anyway
        }
    }
    deliver(update) {
        const topic = update.topic; // a topic update names its topic
        const entry = typeof topic === "string" ? this.topics.get(topic) : undefined;
        for (const listener of [...(entry?.listeners ?? [])])
            callSafely(listener, update);
    }
    // ---- the connection ----------------------------------------------------------------------
    /**
     * Every state change goes through here; a change to the current state is no change, except
     * that each new retry time while reconnecting is announced (a UI counts down to it).
     */
    setState(newState, cause, nextRetryAt) {
        const oldState = this.currentState;
        if (newState === oldState && nextRetryAt === undefined)
            return;
        this.currentState = newState;
        if (newState === "connected")
            this.connected.resolve();
        if (newState === "disconnected")
            this.connected.reject(new ConnectionError(`disconnected: ${cause.reason}`));
        if (oldState === "connected" || newState === "disconnected")
            this.connected = new Deferred();
        const retry = nextRetryAt === undefined ? {} : { nextRetryAt };
        this.events.emit("state", { oldState, newState, code: cause.code, reason: cause.reason, ...retry });
    }
    open() {
        let socket;
        try {
            socket = new this.WebSocket(this.url);
        }
        catch (error) {
            const { code, reason } = codes.TRANSPORT_FAILED;
            this.events.emit("error", asError(error));
            this.setState("disconnected", { code, reason: `${reason}: ${asError(error).message}` });
            return;
        }
        this.socket = socket;
        socket.onopen = () => this.onOpen();
        socket.onmessage = (event) => this.onFrame(event.data);
        socket.onclose = (event) => this.onClose({ code: event.code, reason: event.reason });
        socket.onerror = () => { }; // a close event follows, with the code that matters
        // A handshake nobody answers (a frozen server, a proxy whose backend is gone) never fails
        // by itself: give up on it and back off like any failed attempt.
        this.connectTimer = setTimeout(() => {
            if (this.socket === socket)
                this.onClose(codes.CONNECT_TIMEOUT);
        }, this.connectTimeout);
    }
    onOpen() {
        clearTimeout(this.connectTimer);
        this.attempt = 0;
        const entries = [...this.topics.values()]; // topics added by state listeners subscribe themselves
        this.setState("connected", codes.TRANSPORT_OPEN);
        if (this.currentState !== "connected")
            return; // a state listener disconnected
        this.startKeepAlive();
        for (const entry of entries)
            this.activate(entry);
    }
    onFrame(data) {
        const frame = parseFrame(data);
        if (frame instanceof FrameError) {
            this.events.emit("error", frame);
            return;
        }
        const message = frame;
        this.routes[this.protocol.routes[message.type] ?? "event"](message);
        this.events.emit("message", message);
    }
    /** Route -> what happens to a frame of that route: the dispatch table of incoming frames. */
    routes = {
        reply: (message) => {
            if (!this.replies.settle(message.type, message)) {
                this.events.emit("error", new FrameError(`unexpected ${message.type}: no request waits for it`));
            }
        },
        update: (message) => this.deliver(message),
        event: () => { },
    };
    onClose(cause) {
        const closed = `connection closed (${cause.code} ${cause.reason}) before the reply came`;
        this.dropSocket(cause, new ConnectionError(closed));
        this.scheduleReconnect(cause);
    }
    scheduleReconnect(cause) {
        const delay = backoffDelay(this.attempt++, this.backoffBase, this.backoffCap);
        this.setState("reconnecting", cause, Date.now() + delay);
        if (this.currentState !== "reconnecting")
            return; // a state listener disconnected
        this.retryTimer = setTimeout(() => this.open(), delay);
    }
    /** Let go of the socket: stop its timers, fail its pending requests, close it if still open. */
    dropSocket(cause, error) {
        const socket = this.socket;
        this.socket = null;
        clearInterval(this.keepAliveTimer);
        clearTimeout(this.connectTimer);
        this.replies.rejectAll(error);
        if (socket === null)
            return;
        detach(socket);
        if (socket.readyState <= OPEN)
            socket.close(cause.code, cause.reason);
    }
    startKeepAlive() {
        const frame = this.protocol.keepAlive;
        if (frame === null)
            return;
        const socket = this.socket;
        this.keepAliveTimer = setInterval(() => {
            this.request(frame).catch((error) => {
                // No reply in time means a dead link (e.g. a lost network) that no close event reports
                // yet: drop it now instead of when TCP gives up.
                if (error instanceof ReplyTimeoutError && this.socket === socket) {
                    this.onClose(codes.KEEPALIVE_TIMEOUT);
                }
            });
        }, this.keepAliveInterval);
    }
}
function parseFrame(data) {
    if (typeof data !== "string")
        return new FrameError("a binary frame: the server sends JSON text");
    try {
        const frame = JSON.parse(data);
        if (typeof frame === "object" && frame !== null && typeof frame.type === "string") {
            return frame;
        }
    }
    catch {
        // reported below
    }
    return new FrameError(`not a JSON object with a string type: ${data.slice(0, 200)}`);
}
function asError(error) {
    return error instanceof Error ? error : new Error(String(error));
}
function positive(name, value) {
    if (value > 0 && Number.isFinite(value))
        return value;
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${value}`);
}
