// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 426b705a6faaba930b5b126ce4ba97fba0069d8275c929e9641f6a6aac328fa6  generator: codegen 1.0.0
/**
 * Runtime checks of every frame a client sends, built from the schemas of Trading WebSockets 1.2.0.
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
