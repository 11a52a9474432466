# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: 6e981e539fc6b849203dcca81ab9fe0efe4916633da7d2340aaf4dbcd8e02eb9  generator: codegen 1.0.0
"""The channel families of Trading WebSockets (`x-topics`): the table the service's generic engine
reads to carry every stream: topic names, update messages, delivery, first message, history, access."""

import re
from collections.abc import Callable
from typing import Any, Final, Literal, NamedTuple

from pydantic import BaseModel, TypeAdapter, ValidationError

from .models import (
    Bar,
    BarsUpdateMessage,
    BookChanges,
    BookRequest,
    BookView,
    Depth,
    OrderbookSnapshotMessage,
    OrderbookUpdateMessage,
    Quote,
    QuotesUpdateMessage,
    Resolution,
    SubscriptionRequest,
    SymbolRequest,
    Ticker,
    Trades,
    TradesUpdateMessage,
)


class TopicOutcome(NamedTuple):
    """What the service answers a family's own subscribe or unsubscribe; the router builds the
    reply message from it."""

    topic: str
    status: Literal["ok", "error"]
    message: str
    code: str | None = None


Params = tuple[tuple[str, TypeAdapter[Any], bool], ...]
"""Each topic parameter: its name, its type's validator, whether its text is an integer."""


def parse_topic(pattern: re.Pattern[str], params: Params, topic: str) -> dict[str, str] | None:
    """The parameters of `topic` by a template's pattern, each checked by its own type; None
    when it does not fit."""
    match = pattern.fullmatch(topic)
    if match is None:
        return None
    values = match.groupdict()
    for name, adapter, integer in params:
        text = values[name]
        try:
            adapter.validate_python(int(text) if integer and text.isdigit() else text)
        except ValidationError:
            return None
    return values


class Source(NamedTuple):
    """Where producers publish a derived family's changes; the server derives the family's
    topics from them."""

    template: str
    pattern: re.Pattern[str]
    params: Params
    payload_model: type[BaseModel]

    def parse(self, topic: str) -> dict[str, str] | None:
        return parse_topic(self.pattern, self.params, topic)


class Family(NamedTuple):
    """One channel family and how the server carries it (the spec's description says what each
    policy means)."""

    name: str
    template: str
    update: str
    """The message type of its updates."""
    update_model: type[BaseModel]
    payload_model: type[BaseModel]
    delivery: Literal["latest", "stream", "snapshot"]
    key: tuple[str, ...]
    """JSON names from an update's payload to its integer state key; () when it has none."""
    first: Literal["none", "last", "snapshot"]
    snapshot: str | None
    snapshot_model: type[BaseModel] | None
    history: int
    access: Literal["public", "private"]
    subscribe: str
    unsubscribe: str
    pattern: re.Pattern[str]
    params: Params
    topic_of: Callable[[Any, str | None], str]
    """The topic a subscribe or unsubscribe payload names, for a connection of `user`."""
    label_of: Callable[[Any], str]
    """What a reply calls the subscription ("Subscribed to AAPL")."""
    key_of: Callable[[Any], int | None]
    """The state key of a payload model."""
    source: Source | None
    """Where producers publish (a derived family), when not to the family's topics."""

    def parse(self, topic: str) -> dict[str, str] | None:
        """The parameters of `topic`, or None when it is not a topic of this family."""
        return parse_topic(self.pattern, self.params, topic)


def _bars_topic_of(payload: SubscriptionRequest, user: str | None) -> str:
    return f"bars:{payload.symbol}:{payload.params.resolution}"


def _bars_key_of(payload: Bar) -> int | None:
    return payload.time


BARS: Final = Family(
    name="bars",
    template="bars:{symbol}:{resolution}",
    update="bars.update",
    update_model=BarsUpdateMessage,
    payload_model=Bar,
    delivery="latest",
    key=("time",),
    first="last",
    snapshot=None,
    snapshot_model=None,
    history=1000,
    access="public",
    subscribe="bars.subscribe",
    unsubscribe="bars.unsubscribe",
    pattern=re.compile('bars:(?P<symbol>[^:#\\s"\\\\]+):(?P<resolution>[^\\s"\\\\]+)'),
    params=(
        ("symbol", TypeAdapter(Ticker), False),
        ("resolution", TypeAdapter(Resolution), False),
    ),
    topic_of=_bars_topic_of,
    label_of=lambda payload: str(payload.symbol),
    key_of=_bars_key_of,
    source=None,
)


def _quotes_topic_of(payload: SymbolRequest, user: str | None) -> str:
    return f"quotes:{payload.symbol}"


def _quotes_key_of(payload: Quote) -> int | None:
    return None


QUOTES: Final = Family(
    name="quotes",
    template="quotes:{symbol}",
    update="quotes.update",
    update_model=QuotesUpdateMessage,
    payload_model=Quote,
    delivery="latest",
    key=(),
    first="last",
    snapshot=None,
    snapshot_model=None,
    history=1,
    access="public",
    subscribe="quotes.subscribe",
    unsubscribe="quotes.unsubscribe",
    pattern=re.compile('quotes:(?P<symbol>[^\\s"\\\\]+)'),
    params=(("symbol", TypeAdapter(Ticker), False),),
    topic_of=_quotes_topic_of,
    label_of=lambda payload: str(payload.symbol),
    key_of=_quotes_key_of,
    source=None,
)


def _trades_topic_of(payload: SymbolRequest, user: str | None) -> str:
    return f"trades:{payload.symbol}"


def _trades_key_of(payload: Trades) -> int | None:
    return None


TRADES: Final = Family(
    name="trades",
    template="trades:{symbol}",
    update="trades.update",
    update_model=TradesUpdateMessage,
    payload_model=Trades,
    delivery="stream",
    key=(),
    first="none",
    snapshot=None,
    snapshot_model=None,
    history=1000,
    access="public",
    subscribe="trades.subscribe",
    unsubscribe="trades.unsubscribe",
    pattern=re.compile('trades:(?P<symbol>[^\\s"\\\\]+)'),
    params=(("symbol", TypeAdapter(Ticker), False),),
    topic_of=_trades_topic_of,
    label_of=lambda payload: str(payload.symbol),
    key_of=_trades_key_of,
    source=None,
)


def _orderbook_topic_of(payload: BookRequest, user: str | None) -> str:
    return f"orderbook:{payload.symbol}:{payload.params.depth}"


def _orderbook_key_of(payload: BookView) -> int | None:
    return None


ORDERBOOK: Final = Family(
    name="orderbook",
    template="orderbook:{symbol}:{depth}",
    update="orderbook.update",
    update_model=OrderbookUpdateMessage,
    payload_model=BookView,
    delivery="snapshot",
    key=(),
    first="snapshot",
    snapshot="orderbook.snapshot",
    snapshot_model=OrderbookSnapshotMessage,
    history=0,
    access="public",
    subscribe="orderbook.subscribe",
    unsubscribe="orderbook.unsubscribe",
    pattern=re.compile('orderbook:(?P<symbol>[^:#\\s"\\\\]+):(?P<depth>[^\\s"\\\\]+)'),
    params=(
        ("symbol", TypeAdapter(Ticker), False),
        ("depth", TypeAdapter(Depth), True),
    ),
    topic_of=_orderbook_topic_of,
    label_of=lambda payload: str(payload.symbol),
    key_of=_orderbook_key_of,
    source=Source(
        template="orderbook:{symbol}",
        pattern=re.compile('orderbook:(?P<symbol>[^\\s"\\\\]+)'),
        params=(("symbol", TypeAdapter(Ticker), False),),
        payload_model=BookChanges,
    ),
)

FAMILIES: Final[dict[str, Family]] = {
    "bars": BARS,
    "quotes": QUOTES,
    "trades": TRADES,
    "orderbook": ORDERBOOK,
}
"""Family name -> family."""

_NAME_END = re.compile("[:#]")


def family_of(topic: str) -> Family | None:
    """The family a topic name belongs to (by its name's first part), if any."""
    return FAMILIES.get(_NAME_END.split(topic, maxsplit=1)[0])


def source_of(topic: str) -> tuple[Family, dict[str, str]] | None:
    """The derived family a source topic feeds, with the source's parameters, if any."""
    family = family_of(topic)
    if family is None or family.source is None:
        return None
    params = family.source.parse(topic)
    return None if params is None else (family, params)
