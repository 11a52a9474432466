/**
 * An in-process fake of the trading-ws server for the TypeScript client tests: the `ws` package
 * on 127.0.0.1, port 0 (the OS picks a free one). It speaks just enough of asyncapi.yaml:
 * answers `bars.subscribe`, `bars.unsubscribe` and `ping` in order, sends a topic's latest bar
 * right after a subscribe reply, and records every frame it receives.
 *
 * How to add a scenario:
 *   - A behaviour of the server (never answer some type, close idle connections, ...) is an option
 *     of FakeServerOptions, honoured in `handle()` or `accept()`; default it to the real server's.
 *   - Something a test does to the server (publish a bar, drop every connection, push a raw frame)
 *     is a method of FakeServer.
 *   - Tests assert on `server.received` / `server.connections` and wait with `eventually()`, which
 *     polls with a short deadline, so no test sleeps blindly or loops forever.
 */

import { type AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { barsTopicOf, type Bar, type ClientMessage, type ServerMessage } from "../../generated/ts/src/index.js";

export interface FakeServerOptions {
  /** Message types the server never answers (the reply-timeout scenario). */
  readonly silent?: readonly ClientMessage["type"][];
  /** Close a connection that sends nothing for this long (ms), like the real heartbeat. */
  readonly heartbeatTimeout?: number;
}

export interface Connection {
  readonly socket: WebSocket;
  readonly topics: Set<string>;
  readonly received: ClientMessage[];
}

type Handler = (conn: Connection, frame: ClientMessage) => void;

export class FakeServer {
  readonly connections: Connection[] = [];
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

  /** Send a bar to every connection subscribed to `topic`. */
  publish(topic: string, bar: Bar): void {
    for (const conn of this.connections) {
      if (conn.topics.has(topic)) send(conn, { type: "bars.update", topic, payload: bar });
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
    (HANDLERS[frame.type] as Handler)(conn, frame);
  }
}

export const BAR: Bar = { time: 1_697_097_600_000, open: 150, high: 151, low: 149.5, close: 150.5, volume: 1_000 };

type Handlers = {
  [K in ClientMessage["type"]]: (conn: Connection, frame: Extract<ClientMessage, { type: K }>) => void;
};

/** Client message type -> what the fake does: the real server's behaviour, in miniature. */
const HANDLERS: Handlers = {
  "bars.subscribe": (conn, { payload }) => {
    const topic = barsTopicOf(payload);
    conn.topics.add(topic);
    const message = `Subscribed to ${payload.symbol}`;
    send(conn, { type: "bars.subscribe.response", payload: { status: "ok", symbol: payload.symbol, message, topic } });
    send(conn, { type: "bars.update", topic, payload: BAR });
  },
  "bars.unsubscribe": (conn, { payload }) => {
    const topic = barsTopicOf(payload);
    conn.topics.delete(topic);
    const reply = { status: "ok", symbol: payload.symbol, message: `Unsubscribed from ${payload.symbol}`, topic } as const;
    send(conn, { type: "bars.unsubscribe.response", payload: reply });
  },
  ping: (conn) => send(conn, { type: "pong" }),
};

function send(conn: Connection, frame: ServerMessage): void {
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
