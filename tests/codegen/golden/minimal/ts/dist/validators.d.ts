// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 34a500814cb859cb69a4c071630d169b9c94d4a683999160017b68e3678699fd  generator: codegen 1.0.0
/**
 * Runtime checks of every frame a client sends, built from the schemas of Quotes.
 * Problems are located by JSON pointers into the frame, like the server's own `errors`.
 */
import type { ClientMessage } from "./models.js";
import type { Check } from "./validate.js";
export declare const checkTicker: Check;
export declare const checkVenue: Check;
export declare const checkWatchRequestOptions: Check;
export declare const checkWatchRequest: Check;
export declare const checkWatchMessage: Check;
export declare const checkUnwatchMessage: Check;
export declare const checkHelloMessage: Check;
/** Client message type -> the check of its whole frame. */
export declare const CLIENT_CHECKS: Readonly<Record<ClientMessage["type"], Check>>;
