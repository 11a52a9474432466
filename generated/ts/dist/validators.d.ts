// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 1c1888277b55a33b989c189a7653da49e5a9cbe63592159fe5700660e22d0c7c  generator: codegen 1.0.0
/**
 * Runtime checks of every frame a client sends, built from the schemas of Trading WebSockets.
 * Problems are located by JSON pointers into the frame, like the server's own `errors`.
 */
import type { ClientMessage } from "./models.js";
import type { Check } from "./validate.js";
export declare const checkTicker: Check;
export declare const checkResolution: Check;
export declare const checkBarsParams: Check;
export declare const checkSubscriptionRequest: Check;
export declare const checkBarsSubscribeMessage: Check;
export declare const checkBarsUnsubscribeMessage: Check;
export declare const checkPingMessage: Check;
/** Client message type -> the check of its whole frame. */
export declare const CLIENT_CHECKS: Readonly<Record<ClientMessage["type"], Check>>;
