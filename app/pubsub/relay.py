"""Joins a worker's hub to the broker (Redis): what crosses between workers, and when.

- A topic's channel is held while this worker has a subscriber of it, or one joining: the first
  joiner subscribes it, the hub's `topic_closed` for the last one releases it. Joins in progress
  are counted, so a concurrent leave never releases a channel someone is about to use.
- Everything published, this worker's own messages included, comes back from the broker
  numbered by Redis and is delivered here, so every worker delivers one order. Each frame is
  checked once (external producers may publish anything) and its bytes handed on unchanged.
- Per held topic the relay keeps a TopicLog of what it has seen: `trimmed` marks the position
  from which it knows every message. A join whose `since` that log covers is answered here;
  otherwise Redis is read (after the channel is live, so whatever is published meanwhile is in
  the read or on its way) and the read and the log are merged by `seq`.
- Nothing is lost unknowingly: a frame of another epoch (Redis flushed or replaced) is preceded
  by `subscription.reset`; after an outage, or a gap in a `stream` topic, the topic is resynced
  from Redis (live frames wait meanwhile) and its subscribers get exactly what they missed, or a
  reset and the topic's first message when Redis no longer has it.
- A derived topic (an order book's depth) is carried through its source's channel by the
  BookRelay (app/pubsub/book_relay.py), which keeps this worker's books equal to Redis's.
"""

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import orjson
from pydantic import ValidationError

from app.pubsub.book_relay import BookRelay
from app.pubsub.broker import Broker, BrokerUnavailable, Recovery
from app.pubsub.checks import check_payload
from app.pubsub.derived import Books
from app.pubsub.encoding import reset_frame
from app.pubsub.families import Rules, conflation_key, resolve
from app.pubsub.hub import Hub, Subscriber
from app.pubsub.subscriptions import Joined, JoinRequest, catch_up
from app.pubsub.topic_log import Entry, KeepRule, Position, TopicLog
from app.transport.framing import OutFrame, out_frame
from generated.families import Family

log = logging.getLogger(__name__)

MAX_FRAME_BYTES = 1 << 20
"""Larger broker messages are dropped."""
MAX_HELD_BACK = 10_000
"""Frames of one topic held back during a resync; past it they are dropped and the resync ends in a reset."""
LOCALLY_KEPT = 100
"""Messages per held topic a worker keeps itself (Redis keeps the family's whole `history`): what
answers the joins of clients that were gone briefly without a Redis read."""
RESYNC_RETRY = 1.0
"""Seconds before a resync that could not read Redis tries again."""


class Parsed(NamedTuple):
    seq: int
    epoch: str
    key: int | None
    frame: OutFrame


def parse(family: Family, topic: str, data: bytes) -> Parsed | None:
    """A frame from the broker, checked as an update of `topic`; None (logged) if it is not one."""
    try:
        if len(data) > MAX_FRAME_BYTES:
            raise ValueError(f"{len(data)} bytes, more than {MAX_FRAME_BYTES}")
        message: Any = family.update_model.model_validate(orjson.loads(data))
        if message.topic != topic:
            raise ValueError(f"its topic {message.topic!r} is not its channel's")
        check_payload(family, message.payload)
    except (ValueError, ValidationError) as exc:  # orjson's JSONDecodeError is a ValueError
        log.warning("dropped an invalid message of %s: %s; message: %r", topic, exc, data[:200])
        return None
    key = family.key_of(message.payload)
    return Parsed(message.seq, message.epoch, key, out_frame(data, conflation_key(family, topic, key), family.update))


@dataclass(slots=True)
class _Held:
    """A topic whose channel this worker holds."""

    family: Family
    rule: KeepRule
    live: asyncio.Future[None]
    log: TopicLog | None = None  # what this worker knows of the stream
    held_back: list[Parsed] | None = None  # live frames waiting for a resync
    resynced: asyncio.Event | None = None
    restart: str | None = None  # a new epoch the subscribers are to be moved to, from its start
    overflowed: bool = False  # frames held back were dropped: the resync ends in a reset


class Relay:
    def __init__(self, hub: Hub, broker: Broker, rules: Rules, books: Books, *, timeout: float) -> None:
        self._hub, self._broker, self._rules, self._timeout = hub, broker, rules, timeout
        self._held: dict[str, _Held] = {}
        self._books = BookRelay(hub, broker, books, timeout=timeout)  # the derived topics
        self._joining: dict[str, int] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        hub.add_watcher(self)
        broker.add_state_listener(self._broker_state)

    @property
    def held(self) -> frozenset[str]:
        return frozenset(self._held)

    def start(self) -> None:
        self._spawn(self._receive(), "broker-receiver")

    async def stop(self) -> None:
        await self._books.stop()
        for task in tuple(self._tasks):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def position(self, topic: str) -> Position | None:
        family, _ = resolve(topic)
        if family.source is not None:
            return self._books.position(topic, family)
        held = self._held.get(topic)
        return held.log.position if held is not None and held.log is not None else None

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: "asyncio.Task[None]") -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s stopped", task.get_name(), exc_info=task.exception())

    # ---- holding channels ----------------------------------------------------------------

    def topic_opened(self, topic: str) -> None:
        self._hold(topic)  # a subscriber that came straight through the hub (not join)

    def topic_closed(self, topic: str) -> None:
        if topic not in self._joining:
            self._release(topic)

    def _hold(self, topic: str) -> asyncio.Future[None]:
        """Hold the topic's channel (a derived topic's: its source's); live once subscribed."""
        family, _ = resolve(topic)
        if family.source is not None:
            return self._books.hold(topic, family)
        held = self._held.get(topic)
        if held is None:
            rule = self._rules.of(family)
            local = dataclasses.replace(rule, capacity=min(rule.capacity, LOCALLY_KEPT))
            held = self._held[topic] = _Held(family, local, self._broker.subscribe(topic))
        return held.live

    def _release(self, topic: str) -> None:
        family, _ = resolve(topic)
        if family.source is not None:
            self._books.release(topic, family)
            return
        held = self._held.pop(topic, None)
        if held is not None:
            self._broker.unsubscribe(topic)
            if held.resynced is not None:
                held.resynced.set()

    # ---- live frames ---------------------------------------------------------------------

    async def _receive(self) -> None:
        async for topic, data in self._broker.messages():
            try:
                self._on_frame(topic, data)
            except Exception:  # one bad frame or subscriber must not stop this worker's every update
                log.exception("delivering a message of %s failed", topic)

    def _on_frame(self, topic: str, data: bytes) -> None:
        held = self._held.get(topic)
        if held is None:
            self._books.on_frame(topic, data)  # a book's source, or a channel released meanwhile
            return
        parsed = parse(held.family, topic, data)
        if parsed is None:
            return
        if held.held_back is not None:
            self._hold_back(topic, held, parsed)
        else:
            self._apply(topic, held, parsed)

    def _hold_back(self, topic: str, held: _Held, parsed: Parsed) -> None:
        assert held.held_back is not None
        if len(held.held_back) < MAX_HELD_BACK:
            held.held_back.append(parsed)
        else:  # the resync will not get here in time: it ends in a reset instead
            log.warning("resync of %s is lagging; its held-back frames are dropped", topic)
            held.held_back.clear()
            held.overflowed = True

    def _apply(self, topic: str, held: _Held, parsed: Parsed) -> None:
        """Deliver one frame in `seq` order, telling subscribers when the stream broke."""
        stream = held.log
        if stream is None:
            stream = held.log = TopicLog(held.rule, parsed.epoch, parsed.seq - 1, parsed.seq - 1)
        elif parsed.epoch != stream.epoch:  # Redis lost the stream: move everybody to the new one
            self._begin_resync([topic], restart=parsed.epoch)
            self._hold_back(topic, held, parsed)
            return
        elif parsed.seq <= stream.seq:
            return  # delivered already (a resync's read overlapped the live stream)
        elif parsed.seq != stream.seq + 1 and held.family.delivery == "stream":
            log.warning("%s: seq %d after %d; resyncing", topic, parsed.seq, stream.seq)
            self._begin_resync([topic])
            self._hold_back(topic, held, parsed)
            return
        stream.seq = parsed.seq
        if stream.accepts(parsed.key):
            stream.keep(parsed.seq, parsed.key, parsed.frame)
        self._hub.deliver(topic, parsed.frame)

    # ---- joining -------------------------------------------------------------------------

    async def join(self, subscriber: Subscriber, requests: Sequence[JoinRequest]) -> list[Joined]:
        lives = []
        for request in requests:
            self._joining[request.topic] = self._joining.get(request.topic, 0) + 1
            lives.append(self._hold(request.topic))
        try:
            pending = [live for live in lives if not live.done()]
            if pending:  # bounded: a hanging broker is found dead by its health check meanwhile
                await asyncio.wait(pending, timeout=self._timeout)
            books = [request for request in requests if request.family.source is not None]
            streams = [request for request in requests if request.family.source is None]
            await self._books.ready(books)
            helds = [self._held[request.topic] for request in streams]
            asked, recoveries = await self._read(streams, helds)
            # From here on, one tick: nothing published meanwhile can fall between catch-up and live.
            for (request, held), recovery in zip(asked, recoveries, strict=False):
                self._learn(request.topic, held, recovery, request.since)
            for request in requests:
                self._hub.subscribe(request.topic, subscriber)
            return [self._joined_one(request) for request in requests]
        finally:
            for request in requests:
                self._joined(request.topic)

    def _joined_one(self, request: JoinRequest) -> Joined:
        if request.family.source is not None:
            return self._books.joined(request)
        stream = self._held[request.topic].log
        if stream is None:
            return Joined(None, None if request.since is None else False)
        return catch_up(stream, request.family, request.since)

    async def _read(
        self, requests: Sequence[JoinRequest], helds: list[_Held]
    ) -> tuple[list[tuple[JoinRequest, _Held]], list[Recovery]]:
        """What Redis says of the topics this worker's logs cannot answer. A read that finds a
        newer epoch than a held topic's live subscribers know first moves them to it (a resync),
        then reads again."""
        for _ in range(3):
            for held in helds:
                if held.resynced is not None:
                    await held.resynced.wait()
            asked = [(r, h) for r, h in zip(requests, helds, strict=True) if not self._answers(h, r)]
            try:
                recoveries = await self._broker.recover([(request.topic, request.since) for request, _ in asked])
            except BrokerUnavailable:
                return asked, []  # down: subscribe anyway; the resync once it is back catches them up
            stale = [
                (request.topic, recovery.position.epoch)
                for (request, held), recovery in zip(asked, recoveries, strict=True)
                if held.log is not None
                and held.log.epoch != recovery.position.epoch
                and self._hub.has_subscribers(request.topic)
            ]
            if not stale:
                return asked, recoveries
            for topic, epoch in stale:
                self._begin_resync([topic], restart=epoch)
        return asked, recoveries

    def _answers(self, held: _Held, request: JoinRequest) -> bool:
        """Whether this worker's log alone answers the join."""
        stream = held.log
        if stream is None:
            return False
        if request.since is not None:
            return stream.recoverable(request.since.seq, request.since.epoch)
        return request.family.first != "last" or bool(stream.entries)

    def _joined(self, topic: str) -> None:
        left = self._joining.pop(topic) - 1
        if left:
            self._joining[topic] = left
        elif not self._hub.has_subscribers(topic):
            self._release(topic)  # the join failed and nobody else holds it

    def _learn(self, topic: str, held: _Held, recovery: Recovery, since: Position | None) -> None:
        """Merge what Redis said of a topic's stream into this worker's log of it."""
        frames = [p for data in recovery.frames if (p := parse(held.family, topic, data)) is not None]
        position = recovery.position
        known = since.seq if recovery.recovered and since is not None else position.seq
        stream = held.log
        if stream is None or stream.epoch != position.epoch:  # nobody here holds the old epoch (see _read)
            held.log = TopicLog(held.rule, position.epoch, position.seq, max(known, recovery.trimmed))
            held.log.adopt([Entry(p.seq, p.key, p.frame) for p in frames])
            return
        if known < stream.trimmed:  # the read reaches further back than this worker's log
            older = [Entry(p.seq, p.key, p.frame) for p in frames if p.seq <= stream.trimmed]
            stream.trimmed = max(known, recovery.trimmed)
            stream.adopt(merged(stream.rule, older + stream.entries))
        elif not stream.entries and frames:
            stream.entries = [Entry(p.seq, p.key, p.frame) for p in frames[-1:]]
        stream.seq = max(stream.seq, position.seq)

    # ---- outages and gaps ----------------------------------------------------------------

    def _broker_state(self, up: bool) -> None:
        if up:  # resubscribed: what flows now waits until each topic caught up with Redis
            self._begin_resync(list(self._held))
            self._books.outage_over()

    def _begin_resync(self, topics: list[str], restart: str | None = None) -> None:
        """Hold the topics' live frames back and bring their subscribers up to Redis's stream:
        from where they are, or, with `restart`, from the start of that new epoch."""
        fresh = []
        for topic in topics:
            held = self._held[topic]
            if restart is not None:
                held.restart = restart
            if held.resynced is None:
                held.held_back, held.resynced = [], asyncio.Event()
                fresh.append(topic)
        if fresh:
            self._spawn(self._resync(fresh), "broker-resync")

    async def _resync(self, topics: list[str]) -> None:
        """Bring each topic's subscribers up to Redis's stream, then let live frames through."""
        while topics:
            requests = [(topic, self._since(self._held[topic])) for topic in topics]
            try:
                recoveries = await self._broker.recover(requests)
            except BrokerUnavailable:
                await asyncio.sleep(RESYNC_RETRY)  # down again: wait, then read again
                topics = [t for t in topics if t in self._held]
                continue
            again = []
            for (topic, since), recovery in zip(requests, recoveries, strict=True):
                held = self._held.get(topic)
                if held is not None and not self._catch_up(topic, held, recovery, since):
                    again.append(topic)
            topics = again

    @staticmethod
    def _since(held: _Held) -> Position | None:
        if held.restart is not None:
            return Position(0, held.restart)
        return held.log.position if held.log is not None else None

    def _catch_up(self, topic: str, held: _Held, recovery: Recovery, since: Position | None) -> bool:
        """Deliver what the subscribers missed, then the held-back frames; False when the stream
        turned out to be another epoch, whose start is to be read next."""
        frames = [p for data in recovery.frames if (p := parse(held.family, topic, data)) is not None]
        position = recovery.position
        if since is not None and not recovery.recovered and since.epoch != position.epoch:
            held.restart = position.epoch  # read the new epoch from its start, then tell them
            return False
        restarted = held.restart is not None
        if restarted:
            self._hub.deliver(topic, reset_frame(topic, position.epoch, "epoch_changed"))
            held.restart = None
            held.log = TopicLog(held.rule, position.epoch, 0, 0)
        if since is not None and recovery.recovered and not held.overflowed:
            for parsed in frames:
                self._apply(topic, held, parsed)
        else:  # a gap Redis cannot fill any more (or nothing was known): start from its newest
            if (since is not None and not restarted) or held.overflowed:
                self._hub.deliver(topic, reset_frame(topic, position.epoch, "gap"))
            held.overflowed = False
            held.log = TopicLog(held.rule, position.epoch, position.seq, position.seq)
            held.log.adopt([Entry(p.seq, p.key, p.frame) for p in frames])
            if held.family.first == "last" and frames:
                self._hub.deliver(topic, frames[-1].frame)
        waiting, held.held_back = held.held_back or [], None
        resynced, held.resynced = held.resynced, None
        for parsed in waiting:
            if held.held_back is None:
                self._apply(topic, held, parsed)
            else:  # another break: a new resync holds the rest back
                self._hold_back(topic, held, parsed)
        if resynced is not None:
            resynced.set()
        return True


def merged(rule: KeepRule, entries: list[Entry]) -> list[Entry]:
    """Entries in seq order kept as `rule` keeps them: one per key for a keyed family, the
    newest only for a whole-state one (TopicLog.adopt bounds them)."""
    entries = sorted({e.seq: e for e in entries}.values())
    if rule.replace_all:
        entries = entries[-1:]
    elif rule.keyed:
        entries = [
            e for e, after in zip(entries, [*entries[1:], None], strict=True) if after is None or after.key != e.key
        ]
    return entries
