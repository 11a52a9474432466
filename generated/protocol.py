# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: 7bcd1f7cf34323411af47f957feb1cd08c212c0097774bef6d0af8b985c4b34c  generator: codegen 1.0.0
"""Connection rules and topic names of Trading WebSockets."""

from typing import Final, NamedTuple

from .models import BookRequest, Depth, Resolution, SubscriptionRequest, SymbolRequest, Ticker

TITLE: Final = "Trading WebSockets"
VERSION: Final = "2.1.0"
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
        "quotes.subscribe",
        "quotes.unsubscribe",
        "trades.subscribe",
        "trades.unsubscribe",
        "orderbook.subscribe",
        "orderbook.unsubscribe",
        "subscribe",
        "unsubscribe",
        "ping",
    }
)
SERVER_TYPES: Final = frozenset(
    {
        "bars.subscribe.response",
        "bars.unsubscribe.response",
        "bars.update",
        "quotes.subscribe.response",
        "quotes.unsubscribe.response",
        "quotes.update",
        "trades.subscribe.response",
        "trades.unsubscribe.response",
        "trades.update",
        "orderbook.subscribe.response",
        "orderbook.unsubscribe.response",
        "orderbook.snapshot",
        "orderbook.update",
        "subscribe.response",
        "unsubscribe.response",
        "subscription.reset",
        "pong",
        "error",
    }
)


class CloseRule(NamedTuple):
    """A WebSocket close code and reason; `reason` may hold `{heartbeat_interval}`-style fields."""

    code: int
    name: str
    reason: str
    retry: bool
    """Whether reconnecting can help (False after bad input: it would only be refused again)."""


CLOSE_RULES: Final[dict[str, CloseRule]] = {
    "invalid_json": CloseRule(1003, "UNSUPPORTED_DATA", "Unsupported Data", False),
    "invalid_frame": CloseRule(1003, "UNSUPPORTED_DATA", "Unsupported Data", False),
    "unknown_type": CloseRule(1003, "UNSUPPORTED_DATA", "No matching type", False),
    "validation_error": CloseRule(1003, "UNSUPPORTED_DATA", "Could not validate payload", False),
    "heartbeat_timeout": CloseRule(
        1003,
        "UNSUPPORTED_DATA",
        "Connection timed out. Heartbeat interval {heartbeat_interval}. Max connection lifespan {max_lifespan}",
        True,
    ),
    "lifespan_exceeded": CloseRule(
        1003,
        "UNSUPPORTED_DATA",
        "Connection timed out. Heartbeat interval {heartbeat_interval}. Max connection lifespan {max_lifespan}",
        True,
    ),
    "invalid_utf8": CloseRule(1007, "INVALID_PAYLOAD", "Invalid UTF-8", False),
    "slow_consumer": CloseRule(1008, "POLICY_VIOLATION", "Slow consumer", True),
    "rate_limited": CloseRule(
        1008, "POLICY_VIOLATION", "Rate limit exceeded: {rate_limit} messages per second", True
    ),
    "token_expired": CloseRule(1008, "POLICY_VIOLATION", "Token expired", True),
    "message_too_big": CloseRule(1009, "MESSAGE_TOO_BIG", "Message too big", False),
}
"""Error code -> how the connection is closed after the `error` message."""

GOING_AWAY: Final = CloseRule(1001, "GOING_AWAY", "Server shutting down", True)
INTERNAL_ERROR: Final = CloseRule(1011, "INTERNAL_ERROR", "Internal error", True)
TRY_AGAIN_LATER: Final = CloseRule(1013, "TRY_AGAIN_LATER", "Server full", True)


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


def quotes_topic(
    symbol: Ticker,
) -> str:
    """The topic name `quotes:{symbol}`."""
    return f"quotes:{symbol}"


def quotes_topic_of(payload: SymbolRequest) -> str:
    """The topic a `quotes.subscribe` or `quotes.unsubscribe` payload names."""
    return quotes_topic(
        payload.symbol,
    )


def trades_topic(
    symbol: Ticker,
) -> str:
    """The topic name `trades:{symbol}`."""
    return f"trades:{symbol}"


def trades_topic_of(payload: SymbolRequest) -> str:
    """The topic a `trades.subscribe` or `trades.unsubscribe` payload names."""
    return trades_topic(
        payload.symbol,
    )


def orderbook_topic(
    symbol: Ticker,
    depth: Depth,
) -> str:
    """The topic name `orderbook:{symbol}:{depth}`."""
    return f"orderbook:{symbol}:{depth}"


def orderbook_topic_of(payload: BookRequest) -> str:
    """The topic a `orderbook.subscribe` or `orderbook.unsubscribe` payload names."""
    return orderbook_topic(
        payload.symbol,
        payload.params.depth,
    )
