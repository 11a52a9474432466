"""Joins a worker's hub to a shared broker (Redis): what crosses between workers, and when.

- A channel is held while this worker has a subscriber of its topic, or one joining: the
  first joiner subscribes it, the hub's `topic_closed` for the last one releases it. Joins in
  progress are counted, so a concurrent leave never releases a channel someone is about to use.
- Everything published, this worker's own bars included, comes back from the broker and is
  delivered here, so every worker delivers one order. Each message is validated once (external
  producers may publish anything) and its bytes are handed on without re-serializing.
- The snapshot is exact: while a channel is live, the hub's last frame of its topic is the
  newest this worker handed out, and a joiner registered in the same tick misses nothing after
  it. With none yet, the broker's stored last bar is read and a barrier waits until every
  message published before that read has arrived; a newer local frame then wins.
- After an outage the broker resubscribes; the relay then delivers the stored last bar of each
  topic whose clients missed it, so charts catch up with no client action.
- The broker's history (GET /api/v1/bars/history on any worker) gets every published bar from
  the publishing transaction itself. What the hub delivers without the broker (the demo feed's
  `publish_local`) reaches the history through the relay's hub tap: whatever the relay is not
  delivering itself is handed to `broker.keep`.
"""

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any

from app.pubsub.broker.base import Broker, BrokerUnavailable
from app.pubsub.checks import ohlc_sense
from app.pubsub.hub import Hub, Subscriber
from app.transport.framing import OutFrame, out_frame
from generated.models import BarsUpdateMessage

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 64 * 1024
"""Larger broker messages are dropped: a `bars.update` is ~150 bytes."""


def checked_update(topic: str, data: bytes) -> BarsUpdateMessage:
    """A message from the broker as a `bars.update` of `topic`; ValueError (a pydantic
    ValidationError included) if it is not a valid one (external producers write there too)."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise ValueError(f"{len(data)} bytes, more than {MAX_MESSAGE_BYTES}")
    message = BarsUpdateMessage.model_validate_json(data)
    if message.topic != topic:
        raise ValueError(f"its topic {message.topic!r} is not its channel's")
    ohlc_sense(message.payload)
    return message


def frame_of(topic: str, data: bytes) -> OutFrame | None:
    """A message from the broker as the frame clients get, or None (logged) if it is not a
    valid `bars.update` of `topic`."""
    try:
        message = checked_update(topic, data)
    except ValueError as exc:
        log.warning("dropped an invalid message on %s: %s; message: %r", topic, exc, data[:200])
        return None
    return out_frame(data, (topic, message.payload.time))


class Relay:
    def __init__(self, hub: Hub, broker: Broker, *, timeout: float) -> None:
        self._hub, self._broker, self._timeout = hub, broker, timeout
        self._held: dict[str, asyncio.Future[None]] = {}  # topic -> live (or given up on)
        self._joining: dict[str, int] = {}
        self._stale: dict[str, OutFrame] = {}  # last frames from before an outage
        self._tasks: set[asyncio.Task[None]] = set()
        self._relaying = False  # True while the hub delivers a message from the broker
        hub.add_watcher(self)
        hub.add_tap(self._tap)
        broker.add_state_listener(self._broker_state)

    @property
    def held(self) -> frozenset[str]:
        return frozenset(self._held)

    def start(self) -> None:
        self._spawn(self._receive(), "broker-receiver")

    async def stop(self) -> None:
        for task in tuple(self._tasks):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: "asyncio.Task[None]") -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s stopped", task.get_name(), exc_info=task.exception())

    async def _receive(self) -> None:
        async for topic, data in self._broker.messages():
            frame = frame_of(topic, data)
            if frame is None:
                continue
            try:
                self._deliver(topic, frame)
            except Exception:  # a failing tap must not stop this worker's every update
                log.exception("delivering a message of %s failed", topic)

    def _deliver(self, topic: str, frame: OutFrame) -> None:
        """Hand a message from the broker to the hub, whose taps run within this call."""
        self._relaying = True
        try:
            self._hub.deliver(topic, frame)
        finally:
            self._relaying = False

    def _tap(self, topic: str, frame: OutFrame) -> None:
        """The hub delivered `frame`: unless it came from the broker (whose history got it from
        its publisher's transaction), it reached this worker's subscribers only, so keep it in
        the shared history (the demo feed's bars)."""
        if not self._relaying:
            self._broker.keep(topic, frame.json)

    # ---- joining and leaving -------------------------------------------------------------

    async def join(self, topic: str, subscriber: Subscriber) -> tuple[bool, OutFrame | None]:
        """Subscribe `subscriber` once the channel is live; (False, None) if it already held
        `topic`, else (True, the snapshot to send right after the reply)."""
        if self._hub.holds(topic, subscriber):
            return False, None
        self._joining[topic] = self._joining.get(topic, 0) + 1
        try:
            live = self._hold(topic)
            if not live.done():  # bounded: a hanging broker is found dead by its health check meanwhile
                await asyncio.wait([live], timeout=self._timeout)
            snapshot = await self._snapshot(topic)
            self._hub.subscribe(topic, subscriber)  # same tick as the snapshot's choice
        finally:
            self._joined(topic)
        return True, snapshot

    def _joined(self, topic: str) -> None:
        left = self._joining.pop(topic) - 1
        if left:
            self._joining[topic] = left
        elif not self._hub.has_subscribers(topic):
            self._release(topic)  # the join failed and nobody else holds it

    def topic_opened(self, topic: str) -> None:
        self._hold(topic)  # a subscriber that came straight through the hub (not join)

    def topic_closed(self, topic: str) -> None:
        if topic not in self._joining:
            self._release(topic)

    def _hold(self, topic: str) -> "asyncio.Future[None]":
        live = self._held.get(topic)
        if live is None:
            self._hub.forget_last(topic)  # from an earlier hold: messages in between were missed
            live = self._held[topic] = self._broker.subscribe(topic)
        return live

    def _release(self, topic: str) -> None:
        if self._held.pop(topic, None) is not None:
            self._broker.unsubscribe(topic)
            self._hub.forget_last(topic)
            self._stale.pop(topic, None)

    # ---- snapshots -----------------------------------------------------------------------

    async def _snapshot(self, topic: str) -> OutFrame | None:
        frame = self._hub.last_frame(topic)
        if frame is not None:
            return frame
        try:
            [data] = await self._broker.last([topic])
            if data is not None:
                await self._broker.barrier()
        except BrokerUnavailable:
            return self._stale.get(topic)  # the newest this worker saw before the outage
        frame = self._hub.last_frame(topic)
        if frame is not None or data is None:
            return frame
        return frame_of(topic, data)

    # ---- outages -------------------------------------------------------------------------

    def _broker_state(self, up: bool) -> None:
        if up:
            self._spawn(self._resync(), "broker-resync")
            return
        # Down: what arrives after reconnecting is live again; keep the old frames aside.
        for topic in self._held:
            frame = self._hub.forget_last(topic)
            if frame is not None:
                self._stale[topic] = frame

    async def _resync(self) -> None:
        """Deliver the stored last bar of each held topic that missed it during the outage."""
        topics = list(self._held)
        if not topics:
            return
        try:
            stored = await self._broker.last(topics)
            await self._broker.barrier()
        except BrokerUnavailable:
            return  # down again: the next reconnect tries again
        for topic, data in zip(topics, stored, strict=True):
            seen = self._stale.pop(topic, None)
            if data is None or topic not in self._held or self._hub.last_frame(topic) is not None:
                continue  # nothing kept, released meanwhile, or live frames already flow
            if seen is not None and seen.json == data:
                continue  # nothing was missed
            frame = frame_of(topic, data)
            if frame is not None:
                self._deliver(topic, frame)
