# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# body-sha256: a56192b0776614c708f6a67d983c4f5c4d6a1fc6e2ff989522828abaa677c61b  generator: codegen 1.0.0
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


class Family(NamedTuple):
    """One channel family and how the server carries it (the spec's description says what each
    policy means)."""

    name: str
    template: str
    update: str
    """The message type of its updates."""
    update_model: type[BaseModel]
    payload_model: type[BaseModel]
    delivery: Literal["latest", "stream"]
    key: tuple[str, ...]
    """JSON names from an update's payload to its integer state key; () when it has none."""
    first: Literal["none", "last", "snapshot"]
    snapshot: str | None
    history: int
    access: Literal["public", "private"]
    subscribe: str
    unsubscribe: str
    pattern: re.Pattern[str]
    params: tuple[tuple[str, TypeAdapter[Any]], ...]
    topic_of: Callable[[Any, str | None], str]
    """The topic a subscribe or unsubscribe payload names, for a connection of `user`."""
    label_of: Callable[[Any], str]
    """What a reply calls the subscription ("Subscribed to AAPL")."""
    key_of: Callable[[Any], int | None]
    """The state key of a payload model."""

    def parse(self, topic: str) -> dict[str, str] | None:
        """The parameters of `topic`, or None when it is not a topic of this family."""
        match = self.pattern.fullmatch(topic)
        if match is None:
            return None
        values = match.groupdict()
        for name, adapter in self.params:
            try:
                adapter.validate_python(values[name])
            except ValidationError:
                return None
        return values


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
    history=5,
    access="public",
    subscribe="quotes.watch",
    unsubscribe="quotes.unwatch",
    pattern=re.compile('quotes:(?P<symbol>[^:#\\s"\\\\]+):(?P<venue>[^\\s"\\\\]+)'),
    params=(
        ("symbol", TypeAdapter(Ticker)),
        ("venue", TypeAdapter(Venue)),
    ),
    topic_of=_quotes_topic_of,
    label_of=lambda payload: str(payload.symbol),
    key_of=_quotes_key_of,
)

FAMILIES: Final[dict[str, Family]] = {
    "quotes": QUOTES,
}
"""Family name -> family."""

_NAME_END = re.compile("[:#]")


def family_of(topic: str) -> Family | None:
    """The family a topic name belongs to (by its name's first part), if any."""
    return FAMILIES.get(_NAME_END.split(topic, maxsplit=1)[0])
