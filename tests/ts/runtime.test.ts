/** Pure parts of the generated TypeScript client: backoff, topic names and payload checks. */

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  backoffDelay,
  barsTopic,
  barsTopicOf,
  CLIENT_CHECKS,
  RESOLUTION_VALUES,
} from "../../generated/ts/src/index.js";

test("backoff is exponential, capped and fully jittered", () => {
  const top = () => 0.999_999;
  assert.deepEqual([0, 1, 2, 3, 10, 60].map((n) => backoffDelay(n, 100, 1_000, top)), [99, 199, 399, 799, 999, 999]);
  assert.equal(backoffDelay(5, 100, 1_000, () => 0), 0);
});

test("topic names apply the spec's defaults", () => {
  assert.equal(barsTopicOf({ symbol: "BRK.B" }), "bars:BRK.B:1");
  assert.equal(barsTopicOf({ symbol: "AAPL", params: {} }), "bars:AAPL:1");
  assert.equal(barsTopicOf({ symbol: "AAPL", params: { resolution: "W" } }), barsTopic("AAPL", "W"));
  assert.deepEqual(RESOLUTION_VALUES, ["1", "5", "15", "30", "60", "D", "W", "M"]);
});

test("frame checks list every problem with a JSON pointer", () => {
  const check = CLIENT_CHECKS["bars.subscribe"];
  assert.deepEqual(check({ type: "bars.subscribe", payload: { symbol: "AAPL" } }, ""), []);
  assert.deepEqual(check({ type: "bars.unsubscribe", payload: { symbol: 7, params: [] } }, ""), [
    { path: "/type", message: 'must be one of "bars.subscribe", got "bars.unsubscribe"' },
    { path: "/payload/symbol", message: "must be a string, got 7" },
    { path: "/payload/params", message: "must be an object, got []" },
  ]);
  assert.deepEqual(CLIENT_CHECKS.ping(null, ""), [{ path: "", message: "must be an object, got null" }]);
});
