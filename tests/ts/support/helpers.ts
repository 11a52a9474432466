/**
 * Small tools for the end-to-end tests: bounded waiting, test data, a WebSocket that records
 * what the client does with it, and a bare `ws` socket for talking to the server without the client.
 */

import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import type { Bar, ServerMessage, WebSocketConstructor } from "../../../generated/ts/src/index.js";
import { SpecCheckedWebSocket, specFrames, textOf } from "./spec-frames.js";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Poll `probe` (sync or async) until it returns something other than undefined/false; fail
 * after `timeoutMs`. A probe that throws counts as "not yet" (e.g. a server still starting).
 */
export async function eventually<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 3_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const detail = lastError === undefined ? "" : ` (last error: ${String(lastError)})`;
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}

/** A symbol no other test (or earlier run against the same server) uses. */
export function uniqueSymbol(): string {
  return `E2E${randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`;
}

/** A bar the publish endpoint accepts (high/low bracket open/close); `n` makes it distinct. */
export function makeBar(n: number): Bar {
  const price = 100 + n;
  return { time: 1_700_000_000_000 + n * 60_000, open: price, high: price + 1, low: price - 1, close: price + 0.5, volume: 10 + n };
}

/** One WebSocket the client created, as `SpyWebSocket` saw it (times from performance.now()). */
export interface SocketRecord {
  readonly createdAt: number;
  openedAt?: number;
  closedAt?: number;
  closeCode?: number;
}

/**
 * The `ws` constructor with a log: every socket the client creates (each connect or reconnect
 * attempt: when it was created, opened and closed) and every frame the client hands to `send`,
 * the one way out of the client, so `sent` is exactly what went on the wire. Its frames are
 * checked against the spec like those of every e2e client (SpecCheckedWebSocket).
 */
export function spyWebSocket(): { WebSocket: WebSocketConstructor; sockets: SocketRecord[]; sent: string[] } {
  const sockets: SocketRecord[] = [];
  const sent: string[] = [];
  class SpyWebSocket extends SpecCheckedWebSocket {
    constructor(url: string) {
      super(url);
      const record: SocketRecord = { createdAt: performance.now() };
      sockets.push(record);
      this.on("open", () => (record.openedAt = performance.now()));
      this.on("close", (code) => {
        record.closedAt = performance.now();
        record.closeCode = code;
      });
    }

    override send(data: string): void {
      sent.push(data);
      super.send(data);
    }
  }
  return { WebSocket: SpyWebSocket, sockets, sent };
}

/**
 * A bare `ws` connection (no client: no keep-alive, no checks of what it sends, which may break
 * the spec on purpose), open. What the server sends it is still checked against the spec.
 */
export async function openRaw(url: string, timeoutMs = 3_000): Promise<WebSocket> {
  const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
  socket.on("message", (data, isBinary) => specFrames.check(textOf(data, isBinary), "server"));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return socket;
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
  /** What the server sent before closing. */
  readonly messages: ServerMessage[];
}

/** Collect a bare socket's messages until the server closes it; fail after `timeoutMs`. */
export function closeOf(socket: WebSocket, timeoutMs = 3_000): Promise<Closed> {
  const messages: ServerMessage[] = [];
  socket.on("message", (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  return new Promise<Closed>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`the server did not close the socket within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once("close", (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString(), messages });
    });
  });
}
