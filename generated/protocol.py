# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: eac6d45c567fd08e6a403a7826b8d4322c267c74517ed4cc65e2c9f6be3d4ead  generator: codegen 1.0.0
"""Connection rules and topic names of Trading WebSockets."""

from typing import Final, NamedTuple

from .models import Resolution, SubscriptionRequest, Ticker

TITLE: Final = "Trading WebSockets"
VERSION: Final = "1.2.0"
PATH: Final = "/api/v1/ws"
"""The WebSocket endpoint path."""
HEARTBEAT_INTERVAL: Final = 30.0
"""Seconds within which a client must send a valid message."""
CONNECTION_LIFESPAN: Final = 3600.0
"""Seconds after which every connection is closed."""

CLIENT_TYPES: Final = frozenset(
    {
        "bars.subscribe",
        "bars.unsubscribe",
        "ping",
    }
)
SERVER_TYPES: Final = frozenset(
    {
        "bars.subscribe.response",
        "bars.unsubscribe.response",
        "bars.update",
        "pong",
        "error",
    }
)


class CloseRule(NamedTuple):
    """A WebSocket close code and reason; `reason` may hold `{heartbeat_interval}`-style fields."""

    code: int
    name: str
    reason: str


CLOSE_RULES: Final[dict[str, CloseRule]] = {
    "invalid_json": CloseRule(1003, "UNSUPPORTED_DATA", "Unsupported Data"),
    "invalid_frame": CloseRule(1003, "UNSUPPORTED_DATA", "Unsupported Data"),
    "unknown_type": CloseRule(1003, "UNSUPPORTED_DATA", "No matching type"),
    "validation_error": CloseRule(1003, "UNSUPPORTED_DATA", "Could not validate payload"),
    "heartbeat_timeout": CloseRule(
        1003,
        "UNSUPPORTED_DATA",
        "Connection timed out. Heartbeat interval {heartbeat_interval}. Max connection lifespan {max_lifespan}",
    ),
    "lifespan_exceeded": CloseRule(
        1003,
        "UNSUPPORTED_DATA",
        "Connection timed out. Heartbeat interval {heartbeat_interval}. Max connection lifespan {max_lifespan}",
    ),
    "invalid_utf8": CloseRule(1007, "INVALID_PAYLOAD", "Invalid UTF-8"),
    "slow_consumer": CloseRule(1008, "POLICY_VIOLATION", "Slow consumer"),
    "rate_limited": CloseRule(
        1008, "POLICY_VIOLATION", "Rate limit exceeded: {rate_limit} messages per second"
    ),
    "token_expired": CloseRule(1008, "POLICY_VIOLATION", "Token expired"),
    "message_too_big": CloseRule(1009, "MESSAGE_TOO_BIG", "Message too big"),
}
"""Error code -> how the connection is closed after the `error` message."""

GOING_AWAY: Final = CloseRule(1001, "GOING_AWAY", "Server shutting down")
INTERNAL_ERROR: Final = CloseRule(1011, "INTERNAL_ERROR", "Internal error")
TRY_AGAIN_LATER: Final = CloseRule(1013, "TRY_AGAIN_LATER", "Server full")


def bars_topic(
    symbol: Ticker,
    resolution: Resolution,
) -> str:
    """The topic name `bars:{symbol}:{resolution}`."""
    return f"bars:{symbol}:{resolution}"


def bars_topic_of(payload: SubscriptionRequest) -> str:
    """The topic a `bars.subscribe` or `bars.unsubscribe` payload names."""
    return bars_topic(
        payload.symbol,
        payload.params.resolution,
    )
