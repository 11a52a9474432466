// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: 9c75b8cc39aed8f8e420c80c8f992917e6cc57ac1411f22fe69cac2282bbca5e  generator: codegen 1.0.0
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
