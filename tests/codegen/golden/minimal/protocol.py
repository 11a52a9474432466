# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# body-sha256: b754774f0979d6eae4cbb85c3bf5581b62903326d6a2867b9f01ddd77f8c56c4  generator: codegen 1.0.0
"""Connection rules and topic names of Quotes."""

from typing import Final, NamedTuple

from .models import Ticker, Venue, WatchRequest

TITLE: Final = "Quotes"
VERSION: Final = "0.1.0"
PATH: Final = "/ws"
"""The WebSocket endpoint path."""
HEARTBEAT_INTERVAL: Final = 10.0
"""Seconds within which a client must send a valid message."""
CONNECTION_LIFESPAN: Final = 60.0
"""Seconds after which every connection is closed."""

CLIENT_TYPES: Final = frozenset(
    {
        "quotes.watch",
        "quotes.unwatch",
        "hello",
    }
)
SERVER_TYPES: Final = frozenset(
    {
        "quotes.watched",
        "quotes.tick",
        "welcome",
    }
)


class CloseRule(NamedTuple):
    """A WebSocket close code and reason; `reason` may hold `{heartbeat_interval}`-style fields."""

    code: int
    name: str
    reason: str


CLOSE_RULES: Final[dict[str, CloseRule]] = {
    "invalid_json": CloseRule(1003, "UNSUPPORTED_DATA", "Bad frame"),
    "invalid_frame": CloseRule(1003, "UNSUPPORTED_DATA", "Bad frame"),
    "unknown_type": CloseRule(1003, "UNSUPPORTED_DATA", "Bad frame"),
    "validation_error": CloseRule(1003, "UNSUPPORTED_DATA", "Bad frame"),
}
"""Error code -> how the connection is closed after the `error` message."""

GOING_AWAY: Final = CloseRule(1001, "GOING_AWAY", "Bye")


def quotes_topic(
    symbol: Ticker,
    venue: Venue,
) -> str:
    """The topic name `quotes:{symbol}:{venue}`."""
    return f"quotes:{symbol}:{venue}"


def quotes_topic_of(payload: WatchRequest) -> str:
    """The topic a `quotes.watch` or `quotes.unwatch` payload names."""
    return quotes_topic(
        payload.symbol,
        payload.options.venue,
    )
