/**
 * Frames checked against the JSON Schemas written in asyncapi.yaml itself, the Node twin of
 * tests/contract/plugin.py: the spec is read with js-yaml and each message's payload schema is
 * compiled by ajv, so nothing here comes from the generator, whose TypeScript validators could
 * share its bugs. A frame that matches no message of the spec, travels the wrong way, or breaks
 * its message's schema is recorded as a violation.
 *
 * The e2e tests build their clients on `SpecCheckedWebSocket` (every frame a client sends and
 * receives) and fail the test that produced a violation in `afterEach` (`takeViolations()`).
 * check-ws-frames.ts does the same for a whole program, such as examples/ts_client.ts.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import WebSocket from "ws";

// js-yaml ships no type declarations; this is the one function used.
const { load } = createRequire(import.meta.url)("js-yaml") as { load(text: string): unknown };

const SPEC_PATH = new URL("../../../asyncapi.yaml", import.meta.url);
const SPEC_URI = "urn:trading-ws:asyncapi";

/** Who sends a frame: publish operations are the client's, subscribe operations the server's. */
export type Direction = "client" | "server";

interface Rule {
  readonly direction: Direction;
  readonly validate: ValidateFunction;
}

interface MessageRefs {
  readonly message: { readonly oneOf: ReadonlyArray<{ readonly $ref: string }> };
}

interface SpecDocument {
  readonly channels: Record<string, { readonly publish?: MessageRefs; readonly subscribe?: MessageRefs }>;
  readonly components: { readonly messages: Record<string, { readonly name: string }> };
}

/** Message name -> who sends it and its payload schema's validator. */
function loadRules(path: URL): Map<string, Rule> {
  const doc = load(readFileSync(path, "utf8")) as SpecDocument;
  // Every $ref of the spec points into #/components, so that is the one resource ajv needs (the
  // root's AsyncAPI keys, such as `id`, mean other things in JSON Schema). Not strict: messages
  // carry AsyncAPI keys (x-topic, examples, ...) that are no JSON Schema keywords.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ components: doc.components }, SPEC_URI);
  const rules = new Map<string, Rule>();
  for (const channel of Object.values(doc.channels)) {
    for (const [operation, direction] of [["publish", "client"], ["subscribe", "server"]] as const) {
      for (const { $ref } of channel[operation]?.message.oneOf ?? []) {
        const key = $ref.split("/").at(-1) ?? "";
        const name = doc.components.messages[key]?.name ?? key;
        const validate = ajv.compile({ $ref: `${SPEC_URI}#/components/messages/${key}/payload` });
        rules.set(name, { direction, validate });
      }
    }
  }
  return rules;
}

export class SpecFrames {
  /** Frames checked so far in this process. */
  checked = 0;
  private violations: string[] = [];

  constructor(private readonly rules: ReadonlyMap<string, Rule>) {}

  /** Check one text frame (`null`: a binary frame, which the spec has none of). */
  check(data: string | null, direction: Direction): void {
    this.checked += 1;
    if (data === null) return this.violate(`${direction} sent a binary frame; the spec has none`);
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return this.violate(`${direction} sent a frame that is not JSON: ${data.slice(0, 200)}`);
    }
    const problem = this.problemOf(frame, direction);
    if (problem !== null) this.violate(`${direction} frame ${data.slice(0, 200)}: ${problem}`);
  }

  /** The violations recorded since the last call, now forgotten. */
  takeViolations(): string[] {
    const taken = this.violations;
    this.violations = [];
    return taken;
  }

  private problemOf(frame: unknown, direction: Direction): string | null {
    const type = typeof frame === "object" && frame !== null ? (frame as { type?: unknown }).type : undefined;
    const rule = typeof type === "string" ? this.rules.get(type) : undefined;
    if (rule === undefined) return `matches no message of the spec (type ${JSON.stringify(type)})`;
    if (rule.direction !== direction) return `${type} is sent by the ${rule.direction}, not the ${direction}`;
    if (rule.validate(frame)) return null;
    return (rule.validate.errors ?? []).map((e) => `${e.instancePath || "(frame)"} ${e.message ?? ""}`).join("; ");
  }

  private violate(message: string): void {
    this.violations.push(message);
  }
}

/** One checker per process: every socket below reports to it. */
export const specFrames = new SpecFrames(loadRules(SPEC_PATH));

/** A text frame as `ws` delivers it to a "message" listener; `null` for a binary one. */
export const textOf = (data: WebSocket.RawData, isBinary: boolean): string | null => (isBinary ? null : String(data));

/** The `ws` WebSocket, checking every frame its socket sends and receives against asyncapi.yaml. */
export class SpecCheckedWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    this.on("message", (data, isBinary) => specFrames.check(textOf(data, isBinary), "server"));
  }

  override send(data: string): void {
    specFrames.check(data, "client");
    super.send(data);
  }
}
