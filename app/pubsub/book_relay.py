"""Behind Redis: this worker's books, kept equal to the ones Redis keeps.

A derived topic (`orderbook:AAPL:10`) is held through its source's channel (`orderbook:AAPL`):
the first depth of a symbol that this worker's clients hold subscribes the channel, and once it
is live the whole book is read from Redis (book_state.lua); the changes that arrive meanwhile
wait, and those the read already includes are dropped by `seq`. From then on each change frame
is applied once and every held depth gets its update (app/pubsub/derived.py).

Subscribers never see a change applied to the wrong book: a change out of order (a gap in `seq`,
another epoch), one that cannot be read, or an outage makes the worker read the whole book again
and send every held depth a fresh snapshot, after a `subscription.reset` when the stream's epoch
changed. When the last depth of a symbol is left, the channel is released and the book dropped.
"""

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from app.pubsub.books import Level
from app.pubsub.broker import BookState, Broker, BrokerUnavailable
from app.pubsub.derived import Books, changes_type, source_topic
from app.pubsub.encoding import reset_frame
from app.pubsub.hub import Hub
from app.pubsub.subscriptions import Joined, JoinRequest, derived_first
from app.pubsub.topic_log import Position
from generated.families import Family
from generated.models import Epoch, Seq
from generated.models import Level as LevelSchema

log = logging.getLogger(__name__)

MAX_FRAME_BYTES = 1 << 20
"""Larger change frames are not read (the book is read again instead)."""
MAX_WAITING = 10_000
"""Changes of one book that may wait for a read of it; past it they are dropped and it is read again."""
READ_RETRY = 1.0
"""Seconds before a read of a book that failed (Redis down) is tried again."""

_level = TypeAdapter(LevelSchema)


class _ChangesFrame(BaseModel):
    """What book.lua publishes: a change of a whole book, numbered in its source's stream."""

    model_config = ConfigDict(strict=True)

    type: str
    topic: str
    epoch: Epoch
    seq: Seq
    payload: dict[str, Any]


def parse_changes(family: Family, source: str, data: bytes) -> tuple[Position, Any] | None:
    """A change frame of `source` checked: its position and its payload model; None (logged) if it
    is not one."""
    assert family.source is not None
    try:
        if len(data) > MAX_FRAME_BYTES:
            raise ValueError(f"{len(data)} bytes, more than {MAX_FRAME_BYTES}")
        frame = _ChangesFrame.model_validate(orjson.loads(data))
        if frame.type != changes_type(family) or frame.topic != source:
            raise ValueError(f"a {frame.type} frame of {frame.topic!r} is no {changes_type(family)} of {source}")
        change = family.source.payload_model.model_validate(frame.payload)
    except (ValueError, ValidationError) as exc:  # orjson's JSONDecodeError is a ValueError
        log.warning("an unreadable change of %s: %s; message: %r", source, exc, data[:200])
        return None
    return Position(frame.seq, frame.epoch), change


def valid_levels(source: str, levels: list[Level]) -> list[Level]:
    """The levels of a book read from Redis that are levels (an external producer may have
    written anything there)."""
    kept = []
    for level in levels:
        try:
            kept.append(tuple(_level.validate_python(list(level))))
        except ValidationError:
            log.warning("the book of %s in Redis has an invalid level %r: skipped", source, level)
    return kept  # type: ignore[return-value]


@dataclass(slots=True)
class _Source:
    """A book whose source channel this worker holds."""

    family: Family
    live: asyncio.Future[None]
    topics: set[str] = field(default_factory=set)  # its depths held here (subscribed or joining)
    position: Position | None = None  # the last change applied here; None: the book is not read yet
    waiting: list[tuple[Position, Any]] | None = field(default_factory=list)  # changes that wait for a read
    reading: "asyncio.Task[None] | None" = None
    stale: bool = False  # changes that waited were dropped: read again after this read


class BookRelay:
    def __init__(self, hub: Hub, broker: Broker, books: Books, *, timeout: float) -> None:
        self._hub, self._broker, self._books, self._timeout = hub, broker, books, timeout
        self._sources: dict[str, _Source] = {}

    def holds(self, source: str) -> bool:
        return source in self._sources

    def position(self, topic: str, family: Family) -> Position | None:
        src = self._sources.get(self._source_of(topic, family))
        return src.position if src is not None else None

    async def stop(self) -> None:
        reads = [src.reading for src in self._sources.values() if src.reading is not None]
        for task in reads:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*reads, return_exceptions=True)

    # ---- holding ---------------------------------------------------------------------------

    def hold(self, topic: str, family: Family) -> asyncio.Future[None]:
        """Hold a depth: its source channel is subscribed while any depth of it is held."""
        source = self._source_of(topic, family)
        src = self._sources.get(source)
        if src is None:
            src = self._sources[source] = _Source(family, self._broker.subscribe(source))
        src.topics.add(topic)
        return src.live

    def release(self, topic: str, family: Family) -> None:
        source = self._source_of(topic, family)
        src = self._sources.get(source)
        if src is None:
            return
        src.topics.discard(topic)
        if not src.topics:
            del self._sources[source]
            self._broker.unsubscribe(source)
            self._books.drop(source)  # nobody here follows it: a later holder reads it afresh
            if src.reading is not None:
                src.reading.cancel()

    # ---- joining ---------------------------------------------------------------------------

    async def ready(self, requests: list[JoinRequest]) -> None:
        """Wait (bounded) until the books of the requested depths are read; one still unread
        then (Redis down) is snapshotted to its subscribers once it is read."""
        reads = set()
        for request in requests:
            source = self._source_of(request.topic, request.family)
            src = self._sources[source]
            if src.position is None:
                self._read_again(source, src)
            if src.reading is not None:
                reads.add(src.reading)
        if reads:
            await asyncio.wait(reads, timeout=self._timeout)

    def joined(self, request: JoinRequest) -> Joined:
        """What a depth's new subscriber gets (it is subscribed already): the snapshot of now."""
        position = self.position(request.topic, request.family)
        if position is None:  # not read yet: its snapshot follows the read
            return Joined(None, None if request.since is None else False)
        return derived_first(self._books, request, position)

    # ---- live changes ----------------------------------------------------------------------

    def on_frame(self, source: str, data: bytes) -> None:
        src = self._sources.get(source)
        if src is None:
            return
        parsed = parse_changes(src.family, source, data)
        if parsed is None:  # Redis applied it: this worker's book must not go on without it
            self._read_again(source, src)
        elif src.waiting is not None:
            self._wait(source, src, parsed)
        else:
            self._apply(source, src, *parsed)

    def _wait(self, source: str, src: _Source, change: tuple[Position, Any]) -> None:
        assert src.waiting is not None
        if len(src.waiting) < MAX_WAITING:
            src.waiting.append(change)
        else:
            log.warning("the read of the book of %s is lagging; it is read again after it", source)
            src.waiting.clear()
            src.stale = True

    def _apply(self, source: str, src: _Source, position: Position, change: Any) -> None:
        current = src.position
        if current is not None and position.epoch == current.epoch and position.seq <= current.seq:
            return  # the read of the book included it
        if current is None or position.epoch != current.epoch or position.seq != current.seq + 1:
            log.warning("%s: change %s after %s; reading the book again", source, position, current)
            self._read_again(source, src)
            self._wait(source, src, (position, change))
            return
        src.position = position
        self._books.apply(src.family, source, position, change)

    # ---- reading the whole book ------------------------------------------------------------

    def outage_over(self) -> None:
        """Resubscribed after an outage: whatever was missed is in Redis's books."""
        for source, src in self._sources.items():
            self._read_again(source, src)

    def _read_again(self, source: str, src: _Source) -> None:
        if src.waiting is None:
            src.waiting = []
        if src.reading is None:
            src.reading = asyncio.create_task(self._read(source, src), name=f"book-read {source}")

    async def _read(self, source: str, src: _Source) -> None:
        while True:
            try:
                state = await self._broker.book_state(source)
                break
            except BrokerUnavailable:
                await asyncio.sleep(READ_RETRY)
        src.reading = None
        if self._sources.get(source) is src:
            self._adopt(source, src, state)

    def _adopt(self, source: str, src: _Source, state: BookState) -> None:
        """Start the book over from what Redis keeps, tell its subscribers, then apply what waited."""
        before, position = src.position, state.position
        bids, asks = valid_levels(source, state.bids), valid_levels(source, state.asks)
        self._books.load(source, position, state.time, bids, asks)
        src.position = position
        for topic in sorted(src.topics):
            if self._hub.has_subscribers(topic):
                if before is not None and before.epoch != position.epoch:
                    self._hub.deliver(topic, reset_frame(topic, position.epoch, "epoch_changed"))
                params = src.family.parse(topic)
                assert params is not None
                self._hub.deliver(topic, self._books.snapshot(src.family, topic, params, position))
        waiting, src.waiting = src.waiting or [], None
        if src.stale:
            src.stale = False
            self._read_again(source, src)
        for change in waiting:
            if src.waiting is None:
                self._apply(source, src, *change)
            else:
                self._wait(source, src, change)

    @staticmethod
    def _source_of(topic: str, family: Family) -> str:
        params = family.parse(topic)
        assert params is not None
        return source_topic(family, params)
