// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 88102932f8cab1b3252b597e52dfa6fb6542d17a35a232a3b363ad091a163696  generator: codegen 1.0.0
/**
 * Runtime checks of every frame a client sends, built from the schemas of Trading WebSockets 1.2.0.
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
