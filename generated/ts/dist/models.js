// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 2d28b68dee09c75e249f3c41aeb6882af086bf4cc17315dae487c39119187128  generator: codegen 1.0.0
/** Types of every schema and message of Trading WebSockets. */
/** Every Resolution, in spec order. */
export const RESOLUTION_VALUES = ["1", "5", "15", "30", "60", "D", "W", "M"];
/** Every Depth, in spec order. */
export const DEPTH_VALUES = [10, 25, 50];
/** Every TopicErrorCode, in spec order. */
export const TOPIC_ERROR_CODE_VALUES = ["invalid_topic", "subscription_limit", "permission_denied", "auth_required", "unavailable", "capacity", "internal_error"];
/** Every Side, in spec order. */
export const SIDE_VALUES = ["buy", "sell"];
/** Every ResetReason, in spec order. */
export const RESET_REASON_VALUES = ["epoch_changed", "gap"];
/** Every ErrorCode, in spec order. */
export const ERROR_CODE_VALUES = ["invalid_json", "invalid_frame", "unknown_type", "validation_error", "heartbeat_timeout", "lifespan_exceeded", "message_too_big", "slow_consumer", "rate_limited", "token_expired", "invalid_utf8"];
export const CLIENT_TYPES = ["bars.subscribe", "bars.unsubscribe", "quotes.subscribe", "quotes.unsubscribe", "trades.subscribe", "trades.unsubscribe", "orderbook.subscribe", "orderbook.unsubscribe", "subscribe", "unsubscribe", "ping"];
export const SERVER_TYPES = ["bars.subscribe.response", "bars.unsubscribe.response", "bars.update", "quotes.subscribe.response", "quotes.unsubscribe.response", "quotes.update", "trades.subscribe.response", "trades.unsubscribe.response", "trades.update", "orderbook.subscribe.response", "orderbook.unsubscribe.response", "orderbook.snapshot", "orderbook.update", "subscribe.response", "unsubscribe.response", "subscription.reset", "pong", "error"];
