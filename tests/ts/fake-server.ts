/**
 * An in-process fake of the trading-ws server for the TypeScript client tests: the `ws` package
 * on 127.0.0.1, port 0 (the OS picks a free one). It speaks just enough of asyncapi.yaml, read
 * off the generated family table so that a new channel family needs no change here: answers
 * every family's subscribe and unsubscribe, the batch `subscribe` / `unsubscribe` and `ping` in
 * order, numbers each topic's updates (`seq`, `epoch`), sends a topic's latest message right
 * after a subscribe reply when it has one, and records every frame it receives.
 *
 * How to add a scenario:
 *   - A behaviour of the server (never answer some type, close idle connections, ...) is an option
 *     of FakeServerOptions, honoured in `handle()` or `accept()`; default it to the real server's.
 *   - Something a test does to the server (publish a bar, drop every connection, push a raw frame
 *     to a topic's subscribers) is a method of FakeServer.
 *   - Tests assert on `server.received` / `server.connections` and wait with `eventually()`, which
 *     polls with a short deadline, so no test sleeps blindly or loops forever.
 */

import { type AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { FAMILIES, familyOf, type Bar, type ClientMessage, type ServerMessage } from "../../generated/ts/src/index.js";

export interface FakeServerOptions {
  /** Message types the server never answers (the reply-timeout scenario). */
  readonly silent?: readonly ClientMessage["type"][];
  /** Close a connection that sends nothing for this long (ms), like the real heartbeat. */
  readonly heartbeatTimeout?: number;
  /** The first update of a topic nothing was published to yet, published when someone subscribes it. */
  readonly firstUpdate?: (topic: string) => unknown;
  /**
   * Called after each subscribe reply (and the topic's latest message, if any) with the topic and
   * a function that sends a frame to that subscriber only: a family's own first message
   * (a snapshot) is the test's to build.
   */
  readonly onSubscribe?: (topic: string, send: (frame: object) => void) => void;
}

export interface Connection {
  readonly socket: WebSocket;
  readonly topics: Set<string>;
  readonly received: ClientMessage[];
}

export class FakeServer {
  readonly connections: Connection[] = [];
  private readonly streams = new Map<string, Stream>();
  private readonly wss: WebSocketServer;
  private readonly options: FakeServerOptions;

  private constructor(wss: WebSocketServer, options: FakeServerOptions) {
    this.wss = wss;
    this.options = options;
    wss.on("connection", (socket) => this.accept(socket));
  }

  static async start(options: FakeServerOptions = {}): Promise<FakeServer> {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => wss.once("listening", resolve));
    return new FakeServer(wss, options);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/api/v1/ws`;
  }

  /** Every frame received, over all connections, in order. */
  get received(): ClientMessage[] {
    return this.connections.flatMap((conn) => conn.received);
  }

  get latest(): Connection | undefined {
    return this.connections.at(-1);
  }

  /** Publish one update payload to `topic`: numbered, kept as its latest, sent to its subscribers. */
  publish(topic: string, payload: unknown): void {
    const update = this.updateOf(topic, payload);
    for (const conn of this.connections) {
      if (conn.topics.has(topic)) sendRaw(conn, update);
    }
  }

  /** Send a frame as it is to every connection holding `topic` (no numbering, nothing kept). */
  push(topic: string, frame: object): void {
    for (const conn of this.connections) {
      if (conn.topics.has(topic)) sendRaw(conn, frame);
    }
  }

  /** Send a frame to every open connection, subscribed or not. */
  broadcast(frame: ServerMessage): void {
    for (const conn of this.connections) send(conn, frame);
  }

  /** Close every connection, as a restarting server does. */
  dropAll(code = 1001, reason = "Server shutting down"): void {
    for (const conn of this.connections) conn.socket.close(code, reason);
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise((resolve) => this.wss.close(resolve));
  }

  private accept(socket: WebSocket): void {
    const conn: Connection = { socket, topics: new Set(), received: [] };
    this.connections.push(conn);
    let idle = this.idleTimer(conn);
    socket.on("message", (data) => {
      clearTimeout(idle);
      idle = this.idleTimer(conn);
      this.handle(conn, JSON.parse(String(data)) as ClientMessage);
    });
    socket.on("close", () => clearTimeout(idle));
  }

  private idleTimer(conn: Connection): NodeJS.Timeout | undefined {
    const timeout = this.options.heartbeatTimeout;
    if (timeout === undefined) return undefined;
    return setTimeout(() => conn.socket.close(1003, "Connection timed out"), timeout);
  }

  private handle(conn: Connection, frame: ClientMessage): void {
    conn.received.push(frame);
    if (this.options.silent?.includes(frame.type)) return;
    const payload = (frame as { payload?: Record<string, unknown> }).payload ?? {};
    if (frame.type === "ping") return send(conn, { type: "pong" });
    if (frame.type === "subscribe" || frame.type === "unsubscribe") return this.batch(conn, frame.type, payload);
    const family = Object.values(FAMILIES).find((f) => f.subscribe === frame.type || f.unsubscribe === frame.type);
    if (family?.topicOf === undefined) throw new Error(`the fake does not know ${frame.type}`);
    const topic = family.topicOf(payload);
    const joining = frame.type === family.subscribe;
    const label = Object.values(payload).find((value) => typeof value === "string") ?? family.name;
    const echoed = Object.fromEntries(Object.entries(payload).filter(([, value]) => typeof value === "string"));
    const message = `${joining ? "Subscribed to" : "Unsubscribed from"} ${label}`;
    sendRaw(conn, {
      type: joining ? family.subscribeReply : family.unsubscribeReply,
      payload: { status: "ok", ...echoed, message, topic },
    });
    this.follow(conn, topic, joining);
  }

  /** The batch messages: every topic of a known family is ok. */
  private batch(conn: Connection, type: "subscribe" | "unsubscribe", payload: Record<string, unknown>): void {
    const topics = (payload["topics"] as string[] | undefined) ?? [];
    const results = topics.map((topic) =>
      familyOf(topic) === undefined
        ? { topic, status: "error", code: "invalid_topic", message: `no family: ${topic}` }
        : { topic, status: "ok", ...(type === "subscribe" ? { seq: this.streams.get(topic)?.seq ?? 0, epoch: EPOCH } : {}) },
    );
    const reqId = payload["req_id"] === undefined ? {} : { req_id: payload["req_id"] };
    sendRaw(conn, { type: `${type}.response`, payload: { ...reqId, results } });
    for (const result of results) if (result.status === "ok") this.follow(conn, result.topic, type === "subscribe");
  }

  /** Hold or release a topic; a new subscriber gets the topic's latest message first. */
  private follow(conn: Connection, topic: string, joining: boolean): void {
    if (!joining) {
      conn.topics.delete(topic);
      return;
    }
    conn.topics.add(topic);
    const first = this.options.firstUpdate;
    if (!this.streams.has(topic) && first !== undefined) this.updateOf(topic, first(topic));
    const latest = this.streams.get(topic)?.latest;
    if (latest !== undefined) sendRaw(conn, latest);
    this.options.onSubscribe?.(topic, (frame) => sendRaw(conn, frame));
  }

  private updateOf(topic: string, payload: unknown): object {
    const family = familyOf(topic);
    if (family === undefined) throw new Error(`no family has the topic ${topic}`);
    const stream = this.streams.get(topic) ?? { seq: 0, latest: undefined };
    stream.seq += 1;
    stream.latest = { type: family.update, topic, epoch: EPOCH, seq: stream.seq, payload };
    this.streams.set(topic, stream);
    return stream.latest;
  }
}

export const BAR: Bar = { time: 1_697_097_600_000, open: 150, high: 151, low: 149.5, close: 150.5, volume: 1_000 };
const EPOCH = "fake";

interface Stream {
  seq: number;
  latest: object | undefined;
}

function send(conn: Connection, frame: ServerMessage): void {
  sendRaw(conn, frame);
}

/** A frame as the fake builds it (its types come from the family table at run time). */
function sendRaw(conn: Connection, frame: object): void {
  if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(JSON.stringify(frame));
}

/** Wait until `probe` returns something other than undefined/false; fail after `timeoutMs`. */
export async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 2_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await sleep(5);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
