"""One way to publish: the publisher chosen at startup, for every producer of the process.

`POST /api/v1/publish`, the demo feed and any in-process producer
(`await app.state.publisher.publish("bars:AAPL:1", [bar])`) call `publish(topic, payloads)`:
the topic names its channel family, each payload is checked by the family's generated model
and domain rules (app/pubsub/checks.py) before the first one is published, and each message
gets the next `seq` of its topic.

- `LocalPublisher` (one process, `memory://`): the topic's log here assigns the numbers and
  keeps the messages, and the hub delivers each frame, built once.
- `BrokerPublisher` (`redis://`): the payloads, serialized once, go to the broker in one round
  trip; Redis assigns the numbers (so every worker sees the same ones) and every worker's relay
  delivers what comes back.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from pydantic import BaseModel

from app.pubsub.broker import Broker, BrokerUnavailable
from app.pubsub.checks import check_payload
from app.pubsub.derived import Books, changes_type
from app.pubsub.encoding import payload_json, update_json
from app.pubsub.families import Rules, conflation_key, resolve_any
from app.pubsub.hub import Hub
from app.pubsub.topic_log import Position, TopicLog, TopicLogs
from app.transport.framing import OutFrame, out_frame
from generated.families import Family

__all__ = ["BrokerPublisher", "BrokerUnavailable", "Draining", "LocalPublisher", "Position", "Publisher"]

Payload = BaseModel | Mapping[str, Any]


class Draining(Exception):
    """The server is stopping: a message published now would reach nobody, so it is refused."""


class Publisher(Protocol):
    async def publish(self, topic: str, payloads: Sequence[Payload]) -> Position:
        """Publish each payload to `topic`, in order, all or none. Raises ValueError (the topic
        or a payload is invalid; app.pubsub.families.InvalidTopic among them), Draining, and
        BrokerUnavailable behind a broker that is down."""

    async def publish_checked(self, family: Family, topic: str, models: Sequence[BaseModel]) -> Position:
        """`publish` for payloads the caller has already checked (`checked()`): the HTTP endpoint,
        which reports each bad field itself."""

    def archive(self, topic: str, payloads: Sequence[Payload]) -> None:
        """Keep past messages in the topic's history without sending them to anyone (the demo
        market's backfill); best effort, never blocks."""

    def drain(self) -> None:
        """The server is stopping: refuse every publish from now on."""


def checked(topic: str, payloads: Iterable[Payload]) -> tuple[Family, list[BaseModel]]:
    """The family of `topic` (or of the source it is) and each payload as its model, or ValueError."""
    family, _, source = resolve_any(topic)
    model_of = family.source.payload_model if source and family.source else family.payload_model
    models = []
    for payload in payloads:
        model = payload if isinstance(payload, model_of) else model_of.model_validate(payload)
        if not source:
            check_payload(family, model)
        models.append(model)
    return family, models


def is_source(family: Family, topic: str) -> bool:
    return family.source is not None and family.source.parse(topic) is not None


def archivable(topic: str, payloads: Iterable[Payload]) -> tuple[Family, list[BaseModel]]:
    """`checked`, for a family topic: a book's changes are its state, never archived."""
    family, models = checked(topic, payloads)
    if is_source(family, topic):
        raise ValueError(f"{topic} is a book's source: its changes are applied, not archived")
    return family, models


class _Gate:
    _draining = False

    def drain(self) -> None:
        self._draining = True

    def _check_open(self) -> None:
        if self._draining:
            raise Draining("the server is shutting down; nothing was published")


class LocalPublisher(_Gate):
    def __init__(self, hub: Hub, logs: TopicLogs, books: Books) -> None:
        self._hub, self._logs, self._books = hub, logs, books

    async def publish(self, topic: str, payloads: Sequence[Payload]) -> Position:
        family, models = checked(topic, payloads)
        return await self.publish_checked(family, topic, models)

    async def publish_checked(self, family: Family, topic: str, models: Sequence[BaseModel]) -> Position:
        self._check_open()
        log = self._logs.open(topic)
        if is_source(family, topic):  # the changes of a whole book: every held depth is derived
            for model in models:
                self._books.apply(family, topic, Position(log.next_seq(), log.epoch), model)
            return log.position
        for model in models:
            key = family.key_of(model)
            seq = log.next_seq()
            frame = self._frame(family, topic, log, seq, key, model)
            if log.accepts(key):
                log.keep(seq, key, frame)
            self._hub.deliver(topic, frame)
        return Position(log.seq, log.epoch)

    def archive(self, topic: str, payloads: Sequence[Payload]) -> None:
        family, models = archivable(topic, payloads)
        log = self._logs.open(topic)
        for model in models:
            key = family.key_of(model)
            if log.accepts(key):
                seq = log.next_seq()
                log.keep(seq, key, self._frame(family, topic, log, seq, key, model))

    @staticmethod
    def _frame(family: Family, topic: str, log: TopicLog, seq: int, key: int | None, model: BaseModel) -> OutFrame:
        json = update_json(family.update, topic, log.epoch, seq, payload_json(model))
        return out_frame(json, conflation_key(family, topic, key), family.update)


class BrokerPublisher(_Gate):
    def __init__(self, broker: Broker, rules: Rules) -> None:
        self._broker, self._rules = broker, rules

    async def publish(self, topic: str, payloads: Sequence[Payload]) -> Position:
        family, models = checked(topic, payloads)
        return await self.publish_checked(family, topic, models)

    async def publish_checked(self, family: Family, topic: str, models: Sequence[BaseModel]) -> Position:
        self._check_open()
        if is_source(family, topic):
            return await self._broker.publish_book(topic, changes_type(family), [payload_json(m) for m in models])
        items = [(family.key_of(model), payload_json(model)) for model in models]
        return await self._broker.publish(topic, family.update, self._rules.of(family), items)

    def archive(self, topic: str, payloads: Sequence[Payload]) -> None:
        family, models = archivable(topic, payloads)
        items = [(family.key_of(model), payload_json(model)) for model in models]
        self._broker.keep(topic, family.update, self._rules.of(family), items)
