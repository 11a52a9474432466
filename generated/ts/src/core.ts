// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 2ebb505c74001086e59fbb64a2039cdf196996348278559b9754ea2e3b276511  generator: codegen 1.0.0
/**
 * The message-independent part of the generated client: one WebSocket with explicit states,
 * reconnects with capped full-jitter backoff, a keep-alive, replies matched to their requests,
 * and topic subscriptions that are replayed after every reconnect. client.ts adds one typed
 * method per operation of the spec on top of `request` and `openTopic`.
 */

import { backoffDelay } from "./backoff.js";
import * as codes from "./codes.js";
import type { Cause } from "./codes.js";
import { callSafely, Emitter } from "./emitter.js";
import { ConnectionError, FrameError, PayloadError, ReplyTimeoutError } from "./errors.js";
import { ReplyQueues } from "./replies.js";
import { detach, globalWebSocket, OPEN } from "./transport.js";
import type { WebSocketConstructor, WebSocketLike } from "./transport.js";
import type {
  ClientEvents,
  ClientOptions,
  ConnectionState,
  Protocol,
  Route,
  Subscription,
  TopicCalls,
} from "./types.js";

interface TopicEntry<In> {
  readonly topic: string;
  readonly calls: TopicCalls<unknown>;
  readonly listeners: Set<(update: In) => void>;
  readonly ready: Deferred<unknown>;
}

interface Frame {
  readonly type: string;
}

class Deferred<T> {
  readonly promise: Promise<T>;
  resolve: (value: T) => void = () => {};
  reject: (error: Error) => void = () => {};

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A rejection is for whoever awaits it; one nobody awaits must not crash the process.
    this.promise.catch(() => {});
  }
}

export abstract class ClientCore<Out extends Frame, In extends Frame> {
  readonly url: string;
  private readonly protocol: Protocol<Out>;
  private readonly WebSocket: WebSocketConstructor;
  private readonly replyTimeout: number;
  private readonly keepAliveInterval: number;
  private readonly backoffBase: number;
  private readonly backoffCap: number;
  private readonly connectTimeout: number;
  private readonly events = new Emitter<ClientEvents<In>>();
  private readonly replies = new ReplyQueues();
  private readonly topics = new Map<string, TopicEntry<In>>();
  private currentState: ConnectionState = "disconnected";
  private connected = new Deferred<void>();
  private socket: WebSocketLike | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private keepAliveTimer: ReturnType<typeof setInterval> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;

  protected constructor(url: string, options: ClientOptions, protocol: Protocol<Out>) {
    this.url = url;
    this.protocol = protocol;
    this.WebSocket = options.WebSocket ?? globalWebSocket();
    this.replyTimeout = positive("replyTimeout", options.replyTimeout ?? 10_000);
    this.keepAliveInterval = positive("keepAliveInterval", options.keepAliveInterval ?? protocol.heartbeatInterval / 3);
    this.backoffBase = positive("backoffBase", options.backoffBase ?? 250);
    this.backoffCap = positive("backoffCap", options.backoffCap ?? 30_000);
    this.connectTimeout = positive("connectTimeout", options.connectTimeout ?? 10_000);
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Listen to `state`, `message` or `error`; returns a function that stops listening. */
  on<K extends keyof ClientEvents<In>>(event: K, listener: (value: ClientEvents<In>[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Start connecting (and reconnecting); resolves once connected, rejects if disconnect() comes first. */
  connect(): Promise<void> {
    const connected = this.connected.promise; // open() may already settle and replace it
    if (this.currentState === "disconnected") {
      this.setState("connecting", codes.CONNECT_CALLED);
      this.open();
    }
    return connected;
  }

  /** Close the connection and stop reconnecting. Subscriptions are kept for the next connect(). */
  disconnect(): void {
    if (this.currentState === "disconnected") return;
    clearTimeout(this.retryTimer);
    this.dropSocket(codes.NORMAL_CLOSURE, new ConnectionError("disconnect called before the reply came"));
    this.setState("disconnected", codes.DISCONNECT_CALLED);
  }

  // ---- for the generated client ----------------------------------------------------------

  /** Throw a PayloadError naming every problem of the frame; the frame is not sent. */
  protected validate(frame: Out): void {
    const check = this.protocol.checks[frame.type];
    const problems = check ? check(frame, "") : [{ path: "/type", message: "names no client message" }];
    if (problems.length > 0) throw new PayloadError(frame.type, problems);
  }

  /** Validate and send a frame; resolve with its reply (undefined for a frame without one). */
  protected request<R>(frame: Out): Promise<R> {
    try {
      this.validate(frame);
      const socket = this.socket;
      if (socket === null || socket.readyState !== OPEN || this.currentState !== "connected") {
        throw new ConnectionError(`not connected: ${frame.type} was not sent`);
      }
      socket.send(JSON.stringify(frame));
      const replyType = this.protocol.replies[frame.type] ?? null;
      if (replyType === null) return Promise.resolve(undefined as R);
      return this.replies.expect(replyType, frame.type, this.replyTimeout) as Promise<R>;
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }

  /** Route the topic's updates to `onUpdate` until unsubscribed; subscribes on the server if needed. */
  protected openTopic<U extends In, R>(
    topic: string,
    calls: TopicCalls<R>,
    onUpdate: (update: U) => void,
  ): Subscription<R> {
    const entry = this.topics.get(topic) ?? this.addTopic(topic, calls);
    const listener = (update: In): void => onUpdate(update as U);
    entry.listeners.add(listener);
    let active = true;
    return {
      topic,
      ready: entry.ready.promise as Promise<R>,
      unsubscribe: async () => {
        if (!active) return;
        active = false;
        await this.closeTopic(entry, listener);
      },
    };
  }

  // ---- topics ------------------------------------------------------------------------------

  private addTopic(topic: string, calls: TopicCalls<unknown>): TopicEntry<In> {
    const entry: TopicEntry<In> = { topic, calls, listeners: new Set(), ready: new Deferred() };
    this.topics.set(topic, entry);
    if (this.currentState === "connected") this.activate(entry);
    return entry;
  }

  /** Subscribe on the server: the one path for a first subscribe and every replay after a reconnect. */
  private activate(entry: TopicEntry<In>): void {
    if (this.topics.get(entry.topic) !== entry) return;
    entry.calls.subscribe().then(
      (reply) => entry.ready.resolve(reply),
      (error: unknown) => {
        // A closed connection is no failure: the next connect replays the subscription.
        if (!(error instanceof ConnectionError)) this.events.emit("error", asError(error));
      },
    );
  }

  private async closeTopic(entry: TopicEntry<In>, listener: (update: In) => void): Promise<void> {
    entry.listeners.delete(listener);
    if (entry.listeners.size > 0 || this.topics.get(entry.topic) !== entry) return;
    this.topics.delete(entry.topic);
    if (this.currentState !== "connected") return; // no server-side subscription is left to end
    try {
      await entry.calls.unsubscribe();
    } catch (error) {
      if (!(error instanceof ConnectionError)) throw error; // a lost connection ended it anyway
    }
  }

  private deliver(update: In): void {
    const topic = (update as { readonly topic?: unknown }).topic; // a topic update names its topic
    const entry = typeof topic === "string" ? this.topics.get(topic) : undefined;
    for (const listener of [...(entry?.listeners ?? [])]) callSafely(listener, update);
  }

  // ---- the connection ----------------------------------------------------------------------

  /**
   * Every state change goes through here; a change to the current state is no change, except
   * that each new retry time while reconnecting is announced (a UI counts down to it).
   */
  private setState(newState: ConnectionState, cause: Cause, nextRetryAt?: number): void {
    const oldState = this.currentState;
    if (newState === oldState && nextRetryAt === undefined) return;
    this.currentState = newState;
    if (newState === "connected") this.connected.resolve();
    if (newState === "disconnected") this.connected.reject(new ConnectionError(`disconnected: ${cause.reason}`));
    if (oldState === "connected" || newState === "disconnected") this.connected = new Deferred();
    const retry = nextRetryAt === undefined ? {} : { nextRetryAt };
    this.events.emit("state", { oldState, newState, code: cause.code, reason: cause.reason, ...retry });
  }

  private open(): void {
    let socket: WebSocketLike;
    try {
      socket = new this.WebSocket(this.url);
    } catch (error) {
      const { code, reason } = codes.TRANSPORT_FAILED;
      this.events.emit("error", asError(error));
      this.setState("disconnected", { code, reason: `${reason}: ${asError(error).message}` });
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.onOpen();
    socket.onmessage = (event) => this.onFrame(event.data);
    socket.onclose = (event) => this.onClose({ code: event.code, reason: event.reason });
    socket.onerror = () => {}; // a close event follows, with the code that matters
    // A handshake nobody answers (a frozen server, a proxy whose backend is gone) never fails
    // by itself: give up on it and back off like any failed attempt.
    this.connectTimer = setTimeout(() => {
      if (this.socket === socket) this.onClose(codes.CONNECT_TIMEOUT);
    }, this.connectTimeout);
  }

  private onOpen(): void {
    clearTimeout(this.connectTimer);
    this.attempt = 0;
    const entries = [...this.topics.values()]; // topics added by state listeners subscribe themselves
    this.setState("connected", codes.TRANSPORT_OPEN);
    if (this.currentState !== "connected") return; // a state listener disconnected
    this.startKeepAlive();
    for (const entry of entries) this.activate(entry);
  }

  private onFrame(data: unknown): void {
    const frame = parseFrame(data);
    if (frame instanceof FrameError) {
      this.events.emit("error", frame);
      return;
    }
    const message = frame as In;
    this.routes[this.protocol.routes[message.type] ?? "event"](message);
    this.events.emit("message", message);
  }

  /** Route -> what happens to a frame of that route: the dispatch table of incoming frames. */
  private readonly routes: Readonly<Record<Route, (message: In) => void>> = {
    reply: (message) => {
      if (!this.replies.settle(message.type, message)) {
        this.events.emit("error", new FrameError(`unexpected ${message.type}: no request waits for it`));
      }
    },
    update: (message) => this.deliver(message),
    event: () => {},
  };

  private onClose(cause: Cause): void {
    const closed = `connection closed (${cause.code} ${cause.reason}) before the reply came`;
    this.dropSocket(cause, new ConnectionError(closed));
    this.scheduleReconnect(cause);
  }

  private scheduleReconnect(cause: Cause): void {
    const delay = backoffDelay(this.attempt++, this.backoffBase, this.backoffCap);
    this.setState("reconnecting", cause, Date.now() + delay);
    if (this.currentState !== "reconnecting") return; // a state listener disconnected
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  /** Let go of the socket: stop its timers, fail its pending requests, close it if still open. */
  private dropSocket(cause: Cause, error: Error): void {
    const socket = this.socket;
    this.socket = null;
    clearInterval(this.keepAliveTimer);
    clearTimeout(this.connectTimer);
    this.replies.rejectAll(error);
    if (socket === null) return;
    detach(socket);
    if (socket.readyState <= OPEN) socket.close(cause.code, cause.reason);
  }

  private startKeepAlive(): void {
    const frame = this.protocol.keepAlive;
    if (frame === null) return;
    const socket = this.socket;
    this.keepAliveTimer = setInterval(() => {
      this.request(frame).catch((error: unknown) => {
        // No reply in time means a dead link (e.g. a lost network) that no close event reports
        // yet: drop it now instead of when TCP gives up.
        if (error instanceof ReplyTimeoutError && this.socket === socket) {
          this.onClose(codes.KEEPALIVE_TIMEOUT);
        }
      });
    }, this.keepAliveInterval);
  }
}

function parseFrame(data: unknown): Frame | FrameError {
  if (typeof data !== "string") return new FrameError("a binary frame: the server sends JSON text");
  try {
    const frame: unknown = JSON.parse(data);
    if (typeof frame === "object" && frame !== null && typeof (frame as Partial<Frame>).type === "string") {
      return frame as Frame;
    }
  } catch {
    // reported below
  }
  return new FrameError(`not a JSON object with a string type: ${data.slice(0, 200)}`);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function positive(name: string, value: number): number {
  if (value > 0 && Number.isFinite(value)) return value;
  throw new RangeError(`${name} must be a positive number of milliseconds, got ${value}`);
}
