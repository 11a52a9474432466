/**
 * The real trading-ws service as a child process of a Node test, started the canonical way
 * (`.venv/bin/python -m app --host 127.0.0.1 --port <port>`) like tests/live_server.py does for
 * pytest: a free loopback port, `WS_*` settings from the test only (none inherited), the server
 * checking its own frames against the spec (WS_VALIDATE_OUTGOING=1), ready once GET /healthz
 * answers. A test feeds it bars through POST /api/v1/publish and can stop it (SIGTERM: clients
 * get 1001), start it again on the same port, freeze it (SIGSTOP/SIGCONT) or kill it.
 *
 * Cleanup: every process is tracked until it exits. Call `killAll()` in `after()`; should the test
 * process die first, an exit hook SIGKILLs whatever is left. Every wait here has a deadline.
 */

import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Bar } from "../../../generated/ts/src/index.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PYTHON = `${ROOT}.venv/bin/python`;
const WS_PATH = "/api/v1/ws";

const live = new Set<ChildProcess>();
const killLive = () => {
  for (const proc of live) proc.kill("SIGKILL");
};
// A crashed or interrupted test run must not leave servers behind. The signal handlers run once,
// then re-raise the signal, which then has its default effect.
process.once("exit", killLive);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killLive();
    process.kill(process.pid, signal);
  });
}

/** A port that was free a moment ago: listen on port 0, read what the OS picked, close. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface Health {
  readonly status: string;
  readonly connections: number;
  readonly topics: number;
}

export class RealServer {
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  private proc: ChildProcess | null = null;
  private exited: Promise<string> = Promise.resolve("not started");
  private paused = false;
  private readonly output: string[] = [];

  private constructor(port: number, env: Readonly<Record<string, string>>) {
    this.port = port;
    this.env = env;
  }

  /** Start a server with these `WS_*` settings on a free port (or `port`); resolves once ready. */
  static async start(env: Readonly<Record<string, string>> = {}, port?: number): Promise<RealServer> {
    const server = new RealServer(port ?? (await freePort()), env);
    await server.restart();
    return server;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}${WS_PATH}`;
  }

  get running(): boolean {
    return this.proc !== null;
  }

  /** Start the server (again) on the same port with the same settings; resolves once ready. */
  async restart(readyTimeoutMs = 15_000): Promise<void> {
    if (this.proc !== null) throw new Error(`the server on port ${this.port} is still running`);
    const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith("WS_"));
    const env = { ...Object.fromEntries(inherited), WS_VALIDATE_OUTGOING: "1", ...this.env, PYTHONUNBUFFERED: "1" };
    const args = ["-m", "app", "--host", "127.0.0.1", "--port", String(this.port)];
    const proc = spawn(PYTHON, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    this.proc = proc;
    this.paused = false;
    live.add(proc);
    this.output.push(`---- started ${PYTHON} ${args.join(" ")}\n`);
    proc.stdout.setEncoding("utf8").on("data", (chunk: string) => this.output.push(chunk));
    proc.stderr.setEncoding("utf8").on("data", (chunk: string) => this.output.push(chunk));
    this.exited = new Promise((resolve) => {
      proc.once("exit", (code, signal) => {
        live.delete(proc);
        if (this.proc === proc) this.proc = null;
        const status = code !== null ? `exit code ${code}` : `signal ${signal}`;
        this.output.push(`---- ${status}\n`);
        resolve(status);
      });
    });
    try {
      await this.waitReady(readyTimeoutMs);
    } catch (error) {
      await this.kill();
      throw error;
    }
  }

  /**
   * Stop the server with `signal` (SIGTERM: graceful, every client gets 1001) and wait for it to
   * exit; how it ended ("exit code 0", "signal SIGTERM": uvicorn re-raises the signal it handled).
   */
  async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 10_000): Promise<string> {
    const proc = this.proc;
    if (proc === null) return this.exited;
    if (this.paused) this.resume(); // a stopped process would keep SIGTERM pending
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL; no-op when not running. */
  async kill(): Promise<void> {
    await this.stop("SIGKILL");
  }

  /** Freeze the process: its sockets stay open (the kernel still takes our bytes) but nobody answers. */
  pause(): void {
    if (this.proc === null || this.paused) return;
    this.proc.kill("SIGSTOP");
    this.paused = true;
  }

  resume(): void {
    if (this.proc === null || !this.paused) return;
    this.proc.kill("SIGCONT");
    this.paused = false;
  }

  async health(): Promise<Health> {
    const response = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) throw new Error(`GET /healthz: HTTP ${response.status}`);
    return (await response.json()) as Health;
  }

  /** POST /api/v1/publish: the bars go to `bars:{symbol}:{resolution}` once this resolves. */
  async publish(symbol: string, resolution: string, bars: readonly Bar[]): Promise<void> {
    const response = await fetch(`${this.baseUrl}/api/v1/publish`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ symbol, resolution, bars }),
      signal: AbortSignal.timeout(5_000),
    });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`POST /api/v1/publish: HTTP ${response.status} ${body}`);
    const { published } = JSON.parse(body) as { published: number };
    if (published !== bars.length) throw new Error(`published ${published} of ${bars.length} bars: ${body}`);
  }

  /** Everything the server printed, over all its runs. */
  logs(): string {
    return this.output.join("");
  }

  /** Log lines where the server found one of its own frames breaking asyncapi.yaml. */
  specViolations(): string[] {
    return this.logs()
      .split("\n")
      .filter((line) => line.includes("outgoing frame breaks asyncapi.yaml"));
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.proc === null) throw new Error(`the server exited before it was ready:\n${this.logs()}`);
      try {
        if ((await this.health()).status === "ok") return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the server was not ready within ${timeoutMs} ms:\n${this.logs()}`);
  }
}

/** Kill every server still running (for `after()`: runs even when a test failed). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...live].map(
      (proc) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          proc.once("exit", () => resolve());
          proc.kill("SIGKILL");
        }),
    ),
  );
}
