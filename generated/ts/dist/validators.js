// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 0688d11fb886daa3786d8a6d6ea9b59e91ebf80c6b88ba6299d4bae0c3bffad6  generator: codegen 1.0.0
/**
 * Runtime checks of every frame a client sends, built from the schemas of Trading WebSockets.
 * Problems are located by JSON pointers into the frame, like the server's own `errors`.
 */
import * as v from "./validate.js";
export const checkTicker = v.all(v.string, v.pattern("^[A-Za-z0-9.=^/_-]{1,32}$"));
export const checkResolution = v.oneOf(["1", "5", "15", "30", "60", "D", "W", "M"]);
export const checkBarsParams = v.object({
    resolution: v.optional(checkResolution),
}, "ignore");
export const checkSubscriptionRequest = v.object({
    symbol: v.required(checkTicker),
    params: v.optional(checkBarsParams),
}, "ignore");
export const checkBarsSubscribeMessage = v.object({
    type: v.required(v.oneOf(["bars.subscribe"])),
    payload: v.required(checkSubscriptionRequest),
}, "ignore");
export const checkBarsUnsubscribeMessage = v.object({
    type: v.required(v.oneOf(["bars.unsubscribe"])),
    payload: v.required(checkSubscriptionRequest),
}, "ignore");
export const checkSymbolRequest = v.object({
    symbol: v.required(checkTicker),
}, "ignore");
export const checkQuotesSubscribeMessage = v.object({
    type: v.required(v.oneOf(["quotes.subscribe"])),
    payload: v.required(checkSymbolRequest),
}, "ignore");
export const checkQuotesUnsubscribeMessage = v.object({
    type: v.required(v.oneOf(["quotes.unsubscribe"])),
    payload: v.required(checkSymbolRequest),
}, "ignore");
export const checkTradesSubscribeMessage = v.object({
    type: v.required(v.oneOf(["trades.subscribe"])),
    payload: v.required(checkSymbolRequest),
}, "ignore");
export const checkTradesUnsubscribeMessage = v.object({
    type: v.required(v.oneOf(["trades.unsubscribe"])),
    payload: v.required(checkSymbolRequest),
}, "ignore");
export const checkDepth = v.oneOf([10, 25, 50]);
export const checkBookParams = v.object({
    depth: v.optional(checkDepth),
}, "ignore");
export const checkBookRequest = v.object({
    symbol: v.required(checkTicker),
    params: v.optional(checkBookParams),
}, "ignore");
export const checkOrderbookSubscribeMessage = v.object({
    type: v.required(v.oneOf(["orderbook.subscribe"])),
    payload: v.required(checkBookRequest),
}, "ignore");
export const checkOrderbookUnsubscribeMessage = v.object({
    type: v.required(v.oneOf(["orderbook.unsubscribe"])),
    payload: v.required(checkBookRequest),
}, "ignore");
export const checkRequestId = v.all(v.string, v.maxLength(64));
export const checkTopicList = v.all(v.arrayOf(v.all(v.string, v.minLength(1), v.maxLength(256))), v.minItems(1), v.maxItems(1000));
export const checkSeq = v.all(v.integer, v.minimum(0), v.maximum(9007199254740991));
export const checkEpoch = v.all(v.string, v.pattern("^[A-Za-z0-9_-]{1,32}$"));
export const checkStreamPosition = v.object({
    seq: v.required(checkSeq),
    epoch: v.required(checkEpoch),
}, "ignore");
export const checkSubscribeTopics = v.object({
    req_id: v.optional(checkRequestId),
    topics: v.required(checkTopicList),
    since: v.optional(v.recordOf(checkStreamPosition)),
}, "ignore");
export const checkSubscribeMessage = v.object({
    type: v.required(v.oneOf(["subscribe"])),
    payload: v.required(checkSubscribeTopics),
}, "ignore");
export const checkUnsubscribeTopics = v.object({
    req_id: v.optional(checkRequestId),
    topics: v.required(checkTopicList),
}, "ignore");
export const checkUnsubscribeMessage = v.object({
    type: v.required(v.oneOf(["unsubscribe"])),
    payload: v.required(checkUnsubscribeTopics),
}, "ignore");
export const checkPingMessage = v.object({
    type: v.required(v.oneOf(["ping"])),
}, "ignore");
/** Client message type -> the check of its whole frame. */
export const CLIENT_CHECKS = {
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
