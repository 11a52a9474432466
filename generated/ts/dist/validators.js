// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 794040f5e7525c661edfc9040f866d3d4d71ee2d34099ac280b9f4d76f1d8856  generator: codegen 1.0.0
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
    "subscribe": checkSubscribeMessage,
    "unsubscribe": checkUnsubscribeMessage,
    "ping": checkPingMessage,
};
