// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 3afb141fa592e39caf0ea30df937f9b8cdb726f271557884b47c0fbd9babff72  generator: codegen 1.0.0
/** Types of every schema and message of Trading WebSockets. */
/** Every Resolution, in spec order. */
export const RESOLUTION_VALUES = ["1", "5", "15", "30", "60", "D", "W", "M"];
/** Every ErrorCode, in spec order. */
export const ERROR_CODE_VALUES = ["invalid_json", "invalid_frame", "unknown_type", "validation_error", "heartbeat_timeout", "lifespan_exceeded", "message_too_big", "slow_consumer", "rate_limited", "token_expired", "invalid_utf8"];
export const CLIENT_TYPES = ["bars.subscribe", "bars.unsubscribe", "ping"];
export const SERVER_TYPES = ["bars.subscribe.response", "bars.unsubscribe.response", "bars.update", "pong", "error"];
