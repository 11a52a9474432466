// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 1adf8c476ea30da6cca2720643b681085332b14140b4cc05694fd5cfb22ddb4d  generator: codegen 1.0.0
/** Types of every schema and message of Trading WebSockets. */
/** Every Resolution, in spec order. */
export const RESOLUTION_VALUES = ["1", "5", "15", "30", "60", "D", "W", "M"];
/** Every TopicErrorCode, in spec order. */
export const TOPIC_ERROR_CODE_VALUES = ["invalid_topic", "subscription_limit", "permission_denied", "auth_required", "unavailable", "internal_error"];
/** Every ResetReason, in spec order. */
export const RESET_REASON_VALUES = ["epoch_changed", "gap"];
/** Every ErrorCode, in spec order. */
export const ERROR_CODE_VALUES = ["invalid_json", "invalid_frame", "unknown_type", "validation_error", "heartbeat_timeout", "lifespan_exceeded", "message_too_big", "slow_consumer", "rate_limited", "token_expired", "invalid_utf8"];
export const CLIENT_TYPES = ["bars.subscribe", "bars.unsubscribe", "subscribe", "unsubscribe", "ping"];
export const SERVER_TYPES = ["bars.subscribe.response", "bars.unsubscribe.response", "bars.update", "subscribe.response", "unsubscribe.response", "subscription.reset", "pong", "error"];
