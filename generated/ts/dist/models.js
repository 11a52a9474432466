// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// spec-sha256: 9c75b8cc39aed8f8e420c80c8f992917e6cc57ac1411f22fe69cac2282bbca5e  generator: codegen 1.0.0
/** Types of every schema and message of Trading WebSockets 1.2.0. */
/** Every Resolution, in spec order. */
export const RESOLUTION_VALUES = ["1", "5", "15", "30", "60", "D", "W", "M"];
/** Every ErrorCode, in spec order. */
export const ERROR_CODE_VALUES = ["invalid_json", "invalid_frame", "unknown_type", "validation_error", "heartbeat_timeout", "lifespan_exceeded", "message_too_big", "slow_consumer", "rate_limited", "token_expired", "invalid_utf8"];
export const CLIENT_TYPES = ["bars.subscribe", "bars.unsubscribe", "ping"];
export const SERVER_TYPES = ["bars.subscribe.response", "bars.unsubscribe.response", "bars.update", "pong", "error"];
