// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: dff3410fe774b9460fa0b5ec6f2d82620f402fe64f879d2c51d131f669345934  generator: codegen 1.0.0
/**
 * Runtime checks of every frame a client sends, built from the schemas of Quotes.
 * Problems are located by JSON pointers into the frame, like the server's own `errors`.
 */
import * as v from "./validate.js";
export const checkTicker = v.all(v.string, v.pattern("^[A-Z]{1,5}$"));
export const checkVenue = v.oneOf(["X", "Y"]);
export const checkWatchRequestOptions = v.object({
    venue: v.optional(checkVenue),
}, "ignore");
export const checkWatchRequest = v.object({
    symbol: v.required(checkTicker),
    options: v.optional(checkWatchRequestOptions),
}, "ignore");
export const checkWatchMessage = v.object({
    type: v.required(v.oneOf(["quotes.watch"])),
    payload: v.required(checkWatchRequest),
}, "ignore");
export const checkUnwatchMessage = v.object({
    type: v.required(v.oneOf(["quotes.unwatch"])),
    payload: v.required(checkWatchRequest),
}, "ignore");
export const checkHelloMessage = v.object({
    type: v.required(v.oneOf(["hello"])),
}, "ignore");
/** Client message type -> the check of its whole frame. */
export const CLIENT_CHECKS = {
    "quotes.watch": checkWatchMessage,
    "quotes.unwatch": checkUnwatchMessage,
    "hello": checkHelloMessage,
};
