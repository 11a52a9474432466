// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 49c923a19b9f3b02fc28d4e97b529be539c1dd3831af3a2dd6ca6c72ff598aa3  generator: codegen 1.0.0
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
export declare const checkRequestId: Check;
export declare const checkTopicList: Check;
export declare const checkSeq: Check;
export declare const checkEpoch: Check;
export declare const checkStreamPosition: Check;
export declare const checkSubscribeTopics: Check;
export declare const checkSubscribeMessage: Check;
export declare const checkUnsubscribeTopics: Check;
export declare const checkUnsubscribeMessage: Check;
export declare const checkPingMessage: Check;
/** Client message type -> the check of its whole frame. */
export declare const CLIENT_CHECKS: Readonly<Record<ClientMessage["type"], Check>>;
