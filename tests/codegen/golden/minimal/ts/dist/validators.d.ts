// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: c124875f4b3f7f35d8a4134372d5e4288c8b7e339a9d7ef82943b1eac60427fa  generator: codegen 1.0.0
/**
 * Runtime checks of every frame a client sends, built from the schemas of Quotes 0.1.0.
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
