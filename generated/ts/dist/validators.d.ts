// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 173d2b539208c68020fd564d1b820e04acf77fe7f3fa9b983aced25327cd8870  generator: codegen 1.0.0
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
export declare const checkSymbolRequest: Check;
export declare const checkQuotesSubscribeMessage: Check;
export declare const checkQuotesUnsubscribeMessage: Check;
export declare const checkTradesSubscribeMessage: Check;
export declare const checkTradesUnsubscribeMessage: Check;
export declare const checkDepth: Check;
export declare const checkBookParams: Check;
export declare const checkBookRequest: Check;
export declare const checkOrderbookSubscribeMessage: Check;
export declare const checkOrderbookUnsubscribeMessage: Check;
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
