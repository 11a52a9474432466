# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# body-sha256: a366023b1d99c1ad5a1ce173d90ce33ea36df4ec1cbd38b307c6a7a8ad8e700f  generator: codegen 1.0.0
"""The channel families of Quotes (`x-topics`): the table the service's generic engine
reads to carry every stream: topic names, update messages, delivery, first message, history, access."""

import re
from collections.abc import Callable
from typing import Any, Final, Literal, NamedTuple

from pydantic import BaseModel, TypeAdapter, ValidationError

from .models import Quote, TickMessage, Ticker, Venue, WatchRequest


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


def _quotes_topic_of(payload: WatchRequest, user: str | None) -> str:
    return f"quotes:{payload.symbol}:{payload.options.venue}"


def _quotes_key_of(payload: Quote) -> int | None:
    return payload.time


QUOTES: Final = Family(
    name="quotes",
    template="quotes:{symbol}:{venue}",
    update="quotes.tick",
    update_model=TickMessage,
    payload_model=Quote,
    delivery="latest",
    key=("time",),
    first="last",
    snapshot=None,
    snapshot_model=None,
    history=5,
    access="public",
    subscribe="quotes.watch",
    unsubscribe="quotes.unwatch",
    pattern=re.compile('quotes:(?P<symbol>[^:#\\s"\\\\]+):(?P<venue>[^\\s"\\\\]+)'),
    params=(
        ("symbol", TypeAdapter(Ticker), False),
        ("venue", TypeAdapter(Venue), False),
    ),
    topic_of=_quotes_topic_of,
    label_of=lambda payload: str(payload.symbol),
    key_of=_quotes_key_of,
    source=None,
)

FAMILIES: Final[dict[str, Family]] = {
    "quotes": QUOTES,
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
