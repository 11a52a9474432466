// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: bc5127ff8e6606574b5f29e99c67892bca589ffe25ad29cb4ea9723013e3f6eb  generator: codegen 1.0.0
/**
 * Runtime checks of every frame a client sends, built from the schemas of Trading WebSockets.
 * Problems are located by JSON pointers into the frame, like the server's own `errors`.
 */

import type { ClientMessage } from "./models.js";
import * as v from "./validate.js";
import type { Check } from "./validate.js";

export const checkTicker: Check = v.all(v.string, v.pattern("^[A-Za-z0-9.=^/_-]{1,32}$"));

export const checkResolution: Check = v.oneOf(["1", "5", "15", "30", "60", "D", "W", "M"]);

export const checkBarsParams: Check = v.object(
  {
    resolution: v.optional(checkResolution),
  },
  "ignore",
);

export const checkSubscriptionRequest: Check = v.object(
  {
    symbol: v.required(checkTicker),
    params: v.optional(checkBarsParams),
  },
  "ignore",
);

export const checkBarsSubscribeMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["bars.subscribe"])),
    payload: v.required(checkSubscriptionRequest),
  },
  "ignore",
);

export const checkBarsUnsubscribeMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["bars.unsubscribe"])),
    payload: v.required(checkSubscriptionRequest),
  },
  "ignore",
);

export const checkPingMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["ping"])),
  },
  "ignore",
);

/** Client message type -> the check of its whole frame. */
export const CLIENT_CHECKS: Readonly<Record<ClientMessage["type"], Check>> = {
  "bars.subscribe": checkBarsSubscribeMessage,
  "bars.unsubscribe": checkBarsUnsubscribeMessage,
  "ping": checkPingMessage,
};
