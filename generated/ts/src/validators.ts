// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: d19636a4863fc991e194821544e3028dd66edcc5090668028096cee577ca6655  generator: codegen 1.0.0
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

export const checkRequestId: Check = v.all(v.string, v.maxLength(64));

export const checkTopicList: Check = v.all(v.arrayOf(v.all(v.string, v.minLength(1), v.maxLength(256))), v.minItems(1), v.maxItems(1000));

export const checkSeq: Check = v.all(v.integer, v.minimum(0), v.maximum(9007199254740991));

export const checkEpoch: Check = v.all(v.string, v.pattern("^[A-Za-z0-9_-]{1,32}$"));

export const checkStreamPosition: Check = v.object(
  {
    seq: v.required(checkSeq),
    epoch: v.required(checkEpoch),
  },
  "ignore",
);

export const checkSubscribeTopics: Check = v.object(
  {
    req_id: v.optional(checkRequestId),
    topics: v.required(checkTopicList),
    since: v.optional(v.recordOf(checkStreamPosition)),
  },
  "ignore",
);

export const checkSubscribeMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["subscribe"])),
    payload: v.required(checkSubscribeTopics),
  },
  "ignore",
);

export const checkUnsubscribeTopics: Check = v.object(
  {
    req_id: v.optional(checkRequestId),
    topics: v.required(checkTopicList),
  },
  "ignore",
);

export const checkUnsubscribeMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["unsubscribe"])),
    payload: v.required(checkUnsubscribeTopics),
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
  "subscribe": checkSubscribeMessage,
  "unsubscribe": checkUnsubscribeMessage,
  "ping": checkPingMessage,
};
