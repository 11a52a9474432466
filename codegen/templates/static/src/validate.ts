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

type JsonObject = Record<string, unknown>;

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function expect(test: (value: unknown) => boolean, what: string): Check {
  return (value, path) => (test(value) ? [] : [{ path, message: `must be ${what}, got ${describe(value)}` }]);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === "string";

export const unknown: Check = () => [];
export const string = expect(isString, "a string");
export const number = expect(isNumber, "a number");
export const integer = expect(Number.isInteger, "an integer");
export const boolean = expect((value) => typeof value === "boolean", "a boolean");
export const record = expect(isObject, "an object");
const array = expect(Array.isArray, "an array");

export function oneOf(values: readonly unknown[]): Check {
  return expect((value) => values.includes(value), `one of ${values.map(describe).join(", ")}`);
}

export function pattern(source: string): Check {
  const regex = new RegExp(source, "u");
  return expect((value) => isString(value) && regex.test(value), `a string matching /${source}/`);
}

export const minimum = (limit: number) => expect((value) => isNumber(value) && value >= limit, `>= ${limit}`);
export const maximum = (limit: number) => expect((value) => isNumber(value) && value <= limit, `<= ${limit}`);
export const exclusiveMinimum = (limit: number) => expect((value) => isNumber(value) && value > limit, `> ${limit}`);
export const exclusiveMaximum = (limit: number) => expect((value) => isNumber(value) && value < limit, `< ${limit}`);

// Lengths count code points, as JSON Schema does.
const length = (value: unknown) => (isString(value) ? [...value].length : Array.isArray(value) ? value.length : NaN);
export const minLength = (n: number) => expect((value) => length(value) >= n, `at least ${n} characters long`);
export const maxLength = (n: number) => expect((value) => length(value) <= n, `at most ${n} characters long`);
export const minItems = (n: number) => expect((value) => length(value) >= n, `an array of at least ${n} items`);
export const maxItems = (n: number) => expect((value) => length(value) <= n, `an array of at most ${n} items`);

/** Runs checks in order and stops at the first that finds problems (type before constraints). */
export function all(...checks: Check[]): Check {
  return (value, path) => {
    for (const check of checks) {
      const problems = check(value, path);
      if (problems.length > 0) return problems;
    }
    return [];
  };
}

export function arrayOf(item: Check): Check {
  return (value, path) =>
    Array.isArray(value) ? value.flatMap((element, i) => item(element, pointer(path, i))) : array(value, path);
}

/** An object whose every property value passes `value` (JSON Schema's `additionalProperties`). */
export function recordOf(value: Check): Check {
  return (input, path) =>
    isObject(input)
      ? Object.entries(input).flatMap(([key, item]) => value(item, pointer(path, key)))
      : record(input, path);
}

export const required = (check: Check): FieldCheck => ({ check, required: true });
export const optional = (check: Check): FieldCheck => ({ check, required: false });

/** An object with the given properties; `forbid` also rejects any other property. */
export function object(fields: Readonly<Record<string, FieldCheck>>, extra: "forbid" | "ignore"): Check {
  return (value, path) => {
    if (!isObject(value)) return record(value, path);
    const entries = Object.entries(fields);
    const problems = entries.flatMap(([key, field]) => checkField(value, key, field, pointer(path, key)));
    if (extra === "forbid") {
      const unknownKeys = Object.keys(value).filter((key) => !Object.hasOwn(fields, key));
      problems.push(...unknownKeys.map((key) => ({ path: pointer(path, key), message: "is not allowed" })));
    }
    return problems;
  };
}

// An `undefined` property is absent on the wire: JSON.stringify drops it.
function checkField(owner: JsonObject, key: string, field: FieldCheck, path: string): Problem[] {
  const value = owner[key];
  if (value === undefined) return field.required ? [{ path, message: "is required" }] : [];
  return field.check(value, path);
}
