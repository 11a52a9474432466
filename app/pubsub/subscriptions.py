"""Joining topics: a subscriber gets its reply, then what it missed or the topic's first message,
then live messages, with no duplicate and no gap.

A join names, per topic, where the client stands (`since`: the last `seq` and `epoch` it
applied), if anywhere. Whatever waiting a join needs happens first; then every topic of the
request is subscribed and its catch-up frames chosen in one event-loop tick, so no message
published meanwhile can slip between the catch-up and the live stream. `LocalTopics` serves
one process from its topic logs; behind a broker the relay (app/pubsub/relay.py) does the same
with the stream kept in Redis.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from app.pubsub.derived import Books, source_topic
from app.pubsub.families import resolve
from app.pubsub.hub import Hub, Subscriber
from app.pubsub.topic_log import Position, TopicLog, TopicLogs
from app.transport.framing import OutFrame
from generated.families import Family


@dataclass(frozen=True, slots=True)
class JoinRequest:
    topic: str
    family: Family
    since: Position | None = None


@dataclass(slots=True)
class Joined:
    """A topic now held: where its stream stands, whether `since` was honoured (None: none was
    given), and the frames that follow the reply."""

    position: Position | None
    recovered: bool | None
    frames: list[OutFrame] = field(default_factory=list)


class Topics(Protocol):
    async def join(self, subscriber: Subscriber, requests: Sequence[JoinRequest]) -> list[Joined]:
        """Subscribe `subscriber` to every requested topic (none of which it holds), in one tick
        after any waiting. Raises app.pubsub.broker.BrokerUnavailable behind a broker that is down."""

    def position(self, topic: str) -> Position | None:
        """Where a topic this process holds stands, if known."""


def catch_up(log: TopicLog, family: Family, since: Position | None) -> Joined:
    """What a subscriber at `since` gets after the reply: exactly the messages it missed when the
    log still has them all, else the family's first message."""
    if since is not None and log.recoverable(since.seq, since.epoch):
        return Joined(log.position, True, log.after(since.seq))
    newest = log.newest() if family.first == "last" else None
    return Joined(log.position, None if since is None else False, [newest] if newest is not None else [])


def derived_first(books: Books, request: JoinRequest, position: Position) -> Joined:
    """A derived family's subscriber gets the snapshot of now, whatever its `since`."""
    params = request.family.parse(request.topic)
    assert params is not None
    frame = books.snapshot(request.family, request.topic, params, position)
    return Joined(position, None if request.since is None else False, [frame])


class LocalTopics:
    """One process: the topic logs are the streams themselves."""

    def __init__(self, hub: Hub, logs: TopicLogs, books: Books) -> None:
        self._hub, self._logs, self._books = hub, logs, books

    async def join(self, subscriber: Subscriber, requests: Sequence[JoinRequest]) -> list[Joined]:
        joined = []
        for request in requests:
            log = self._logs.open(self._stream_of(request))
            # Subscribe first: a watcher may add to the log now (the demo market's backfill).
            self._hub.subscribe(request.topic, subscriber)
            if request.family.source is not None:
                joined.append(derived_first(self._books, request, log.position))
            else:
                joined.append(catch_up(log, request.family, request.since))
        return joined

    def position(self, topic: str) -> Position | None:
        family, params = resolve(topic)
        log = self._logs.get(source_topic(family, params) if family.source is not None else topic)
        return log.position if log is not None else None

    @staticmethod
    def _stream_of(request: JoinRequest) -> str:
        """The topic whose stream numbers a topic's messages: its source's, for a derived family."""
        if request.family.source is None:
            return request.topic
        params = request.family.parse(request.topic)
        assert params is not None
        return source_topic(request.family, params)
