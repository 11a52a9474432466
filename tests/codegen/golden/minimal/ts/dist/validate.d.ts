// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 04b35f0ff55ff8d95396b2eb533d32c79b242a3a7f31946eae2b22f1162a2b96  generator: codegen 1.0.0
/**
 * Small runtime checks of outgoing frames. validators.ts builds one per schema from these, so
 * user code that bypasses the types (plain JS, `as any`, JSON from elsewhere) still gets a clear
 * error before anything is sent. Constraint checks are named after their JSON Schema keywords.
 */
/** One problem: where it is (a JSON pointer into the frame) and what is wrong there. */
export interface Problem {
    readonly path: string;
    readonly message: string;
}
/** The problems of `value`, found at `path`; none means valid. */
export type Check = (value: unknown, path: string) => Problem[];
/** How an object check treats one property. */
export interface FieldCheck {
    readonly check: Check;
    readonly required: boolean;
}
export declare const unknown: Check;
export declare const string: Check;
export declare const number: Check;
export declare const integer: Check;
export declare const boolean: Check;
export declare const record: Check;
export declare function oneOf(values: readonly unknown[]): Check;
export declare function pattern(source: string): Check;
export declare const minimum: (limit: number) => Check;
export declare const maximum: (limit: number) => Check;
export declare const exclusiveMinimum: (limit: number) => Check;
export declare const exclusiveMaximum: (limit: number) => Check;
export declare const minLength: (n: number) => Check;
export declare const maxLength: (n: number) => Check;
export declare const minItems: (n: number) => Check;
export declare const maxItems: (n: number) => Check;
/** Runs checks in order and stops at the first that finds problems (type before constraints). */
export declare function all(...checks: Check[]): Check;
export declare function arrayOf(item: Check): Check;
/** An object whose every property value passes `value` (JSON Schema's `additionalProperties`). */
export declare function recordOf(value: Check): Check;
export declare const required: (check: Check) => FieldCheck;
export declare const optional: (check: Check) => FieldCheck;
/** An object with the given properties; `forbid` also rejects any other property. */
export declare function object(fields: Readonly<Record<string, FieldCheck>>, extra: "forbid" | "ignore"): Check;
