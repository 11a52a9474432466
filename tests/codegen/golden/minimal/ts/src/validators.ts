// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 70c8c8d058f2e6d86df7476ae9bc574c1f59e59eae135bd2ce8b9d23a31ea47d  generator: codegen 1.0.0
/**
 * Runtime checks of every frame a client sends, built from the schemas of Quotes.
 * Problems are located by JSON pointers into the frame, like the server's own `errors`.
 */

import type { ClientMessage } from "./models.js";
import * as v from "./validate.js";
import type { Check } from "./validate.js";

export const checkTicker: Check = v.all(v.string, v.pattern("^[A-Z]{1,5}$"));

export const checkVenue: Check = v.oneOf(["X", "Y"]);

export const checkWatchRequestOptions: Check = v.object(
  {
    venue: v.optional(checkVenue),
  },
  "ignore",
);

export const checkWatchRequest: Check = v.object(
  {
    symbol: v.required(checkTicker),
    options: v.optional(checkWatchRequestOptions),
  },
  "ignore",
);

export const checkWatchMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["quotes.watch"])),
    payload: v.required(checkWatchRequest),
  },
  "ignore",
);

export const checkUnwatchMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["quotes.unwatch"])),
    payload: v.required(checkWatchRequest),
  },
  "ignore",
);

export const checkHelloMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["hello"])),
  },
  "ignore",
);

/** Client message type -> the check of its whole frame. */
export const CLIENT_CHECKS: Readonly<Record<ClientMessage["type"], Check>> = {
  "quotes.watch": checkWatchMessage,
  "quotes.unwatch": checkUnwatchMessage,
  "hello": checkHelloMessage,
};
