// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: e471c5744c0f93f91658a001fe1d77be67cd64866d8f39bd5cec5d98d39a1adb  generator: codegen 1.0.0
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

export const checkSymbolRequest: Check = v.object(
  {
    symbol: v.required(checkTicker),
  },
  "ignore",
);

export const checkQuotesSubscribeMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["quotes.subscribe"])),
    payload: v.required(checkSymbolRequest),
  },
  "ignore",
);

export const checkQuotesUnsubscribeMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["quotes.unsubscribe"])),
    payload: v.required(checkSymbolRequest),
  },
  "ignore",
);

export const checkTradesSubscribeMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["trades.subscribe"])),
    payload: v.required(checkSymbolRequest),
  },
  "ignore",
);

export const checkTradesUnsubscribeMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["trades.unsubscribe"])),
    payload: v.required(checkSymbolRequest),
  },
  "ignore",
);

export const checkDepth: Check = v.oneOf([10, 25, 50]);

export const checkBookParams: Check = v.object(
  {
    depth: v.optional(checkDepth),
  },
  "ignore",
);

export const checkBookRequest: Check = v.object(
  {
    symbol: v.required(checkTicker),
    params: v.optional(checkBookParams),
  },
  "ignore",
);

export const checkOrderbookSubscribeMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["orderbook.subscribe"])),
    payload: v.required(checkBookRequest),
  },
  "ignore",
);

export const checkOrderbookUnsubscribeMessage: Check = v.object(
  {
    type: v.required(v.oneOf(["orderbook.unsubscribe"])),
    payload: v.required(checkBookRequest),
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
  "quotes.subscribe": checkQuotesSubscribeMessage,
  "quotes.unsubscribe": checkQuotesUnsubscribeMessage,
  "trades.subscribe": checkTradesSubscribeMessage,
  "trades.unsubscribe": checkTradesUnsubscribeMessage,
  "orderbook.subscribe": checkOrderbookSubscribeMessage,
  "orderbook.unsubscribe": checkOrderbookUnsubscribeMessage,
  "subscribe": checkSubscribeMessage,
  "unsubscribe": checkUnsubscribeMessage,
  "ping": checkPingMessage,
};
