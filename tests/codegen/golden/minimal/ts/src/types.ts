// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 5008a5cc068b80f97b00b8a604299f6079bc198924e7095c131b46a7a39f02f6  generator: codegen 1.0.0
/** The public types of the client core: states, events, options, and the protocol tables. */

import type { Check } from "./validate.js";
import type { WebSocketConstructor } from "./transport.js";

export type ConnectionState = "disconnected" | "connecting" | "connected" | "reconnecting";

/** One state change. `nextRetryAt` (ms since the epoch) comes with `reconnecting` only. */
export interface StateChange {
  readonly oldState: ConnectionState;
  readonly newState: ConnectionState;
  readonly code: number;
  readonly reason: string;
  readonly nextRetryAt?: number;
}

export interface ClientEvents<In> {
  state: StateChange;
  /** Every frame from the server, after replies and updates went where they belong. */
  message: In;
  /** Problems no promise reports: unreadable frames, unexpected replies, failed subscribes. */
  error: Error;
}

/** Client options; every time is in milliseconds. */
export interface ClientOptions {
  /** The WebSocket constructor; default globalThis.WebSocket. In Node 20 pass the `ws` package's. */
  readonly WebSocket?: WebSocketConstructor;
  /** How long a request waits for its reply (default 10 000). */
  readonly replyTimeout?: number;
  /** How often the keep-alive is sent (default: a third of the server's heartbeat interval). */
  readonly keepAliveInterval?: number;
  /** The first reconnect waits up to this long (default 250); each failure doubles it. */
  readonly backoffBase?: number;
  /** No reconnect waits longer than this (default 30 000). */
  readonly backoffCap?: number;
  /** How long a connection attempt may take before it counts as failed (default 10 000). */
  readonly connectTimeout?: number;
}

/** How a server frame is handled: it answers a request, feeds a topic, or is only emitted. */
export type Route = "reply" | "update" | "event";

/** What the generated client tells the core about the protocol; all of it comes from the spec. */
export interface Protocol<Out> {
  /** Client message type -> the check of its whole frame. */
  readonly checks: Readonly<Record<string, Check>>;
  /** Client message type -> the server message type that answers it, if any. */
  readonly replies: Readonly<Record<string, string | null>>;
  /** Server message type -> its route. */
  readonly routes: Readonly<Record<string, Route>>;
  /** The frame sent to keep an idle connection alive, if the spec names one. */
  readonly keepAlive: Out | null;
  /** The server closes connections that send nothing valid for this long. */
  readonly heartbeatInterval: number;
}

/** One local subscription to a topic. */
export interface Subscription<R> {
  readonly topic: string;
  /** Resolves with the reply to the first subscribe request that succeeds. */
  readonly ready: Promise<R>;
  /** Stops the callback; the server is told once the topic's last local subscription ends. */
  unsubscribe(): Promise<void>;
}

/** How a topic is (un)subscribed: the same calls serve the first subscribe and every replay. */
export interface TopicCalls<R> {
  readonly subscribe: () => Promise<R>;
  readonly unsubscribe: () => Promise<unknown>;
}
