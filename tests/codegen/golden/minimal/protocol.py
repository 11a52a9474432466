# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# body-sha256: 7da0876e833d7cfc1276d0dbd2bc177503195c9cc2cf19801a463de45609fcba  generator: codegen 1.0.0
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
        "quotes.unwatched",
        "quotes.tick",
        "welcome",
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
    "invalid_json": CloseRule(1003, "UNSUPPORTED_DATA", "Bad frame", False),
    "invalid_frame": CloseRule(1003, "UNSUPPORTED_DATA", "Bad frame", False),
    "unknown_type": CloseRule(1003, "UNSUPPORTED_DATA", "Bad frame", False),
    "validation_error": CloseRule(1003, "UNSUPPORTED_DATA", "Bad frame", False),
}
"""Error code -> how the connection is closed after the `error` message."""

GOING_AWAY: Final = CloseRule(1001, "GOING_AWAY", "Bye", True)


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
