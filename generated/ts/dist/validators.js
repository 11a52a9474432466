// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 07fd8effa53bb66a5e18a44965d1940637eb290de7497b5ebf4856550d746001  generator: codegen 1.0.0
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
export const checkPingMessage = v.object({
    type: v.required(v.oneOf(["ping"])),
}, "ignore");
/** Client message type -> the check of its whole frame. */
export const CLIENT_CHECKS = {
    "bars.subscribe": checkBarsSubscribeMessage,
    "bars.unsubscribe": checkBarsUnsubscribeMessage,
    "ping": checkPingMessage,
};
