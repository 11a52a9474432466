"""Topic -> subscribers, and the one fan-out path every bar takes.

A bar is serialized and framed once per publish and the same bytes are handed to each
subscriber through a non-blocking `send`, so publishing costs one serialization plus one
append per subscriber and never waits on anybody's socket. The last frame of each topic is kept for the
snapshot a new subscriber receives. Watchers learn when a topic gets its first subscriber or
loses its last one (the demo feed starts and stops there; app.pubsub.relay subscribes the
broker's channel there).

With a broker (WS_BROKER_URL=redis://...) `publish` hands the encoded frame to the broker
instead, and the bytes come back through `deliver` on every worker, this one included.
"""

import logging
from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol

from app.pubsub.broker import Broker
from app.stats import Stats
from app.transport.framing import OutFrame, out_frame
from generated.models import Bar
from generated.router import bars_update, encode

log = logging.getLogger(__name__)


class Subscriber(Protocol):
    def send(self, frame: OutFrame) -> None:
        """Queue one frame; must not block, await or change the hub."""


class Tap(Protocol):
    def __call__(self, topic: str, frame: OutFrame, /) -> None:
        """Sees every `bars.update` delivered, once per message; must not block, await or change the hub."""


class TopicWatcher(Protocol):
    def topic_opened(self, topic: str) -> None:
        """`topic` got its first subscriber."""

    def topic_closed(self, topic: str) -> None:
        """`topic` lost its last subscriber."""


class Draining(Exception):
    """The server is stopping: a bar published now would reach nobody, so it is refused."""


def update_frame(topic: str, bar: Bar) -> OutFrame:
    """`bar` as the `bars.update` of `topic`, serialized and framed once; later states of the
    same bar share its conflation key."""
    return out_frame(encode(bars_update(topic, bar)), (topic, bar.time))


class Hub:
    def __init__(self, broker: Broker | None = None, stats: Stats | None = None, max_topics: int = 10_000) -> None:
        self._broker = broker  # None: this process is the whole deployment (memory://)
        self._stats = stats or Stats()
        self._draining = False
        self._subscribers: dict[str, set[Subscriber]] = {}
        self._topics_of: dict[Subscriber, set[str]] = {}
        # The last frame of the `max_topics` most recently published topics: a producer (or a
        # client subscribing to the demo feed) can name any number of topics.
        self._last_frame: OrderedDict[str, OutFrame] = OrderedDict()
        self._max_topics = max_topics
        self._watchers: list[TopicWatcher] = []
        self._taps: list[Tap] = []

    @property
    def topic_count(self) -> int:
        """Topics with at least one subscriber."""
        return len(self._subscribers)

    def add_watcher(self, watcher: TopicWatcher) -> None:
        self._watchers.append(watcher)

    def holds(self, topic: str, subscriber: Subscriber) -> bool:
        return subscriber in self._subscribers.get(topic, ())

    def has_subscribers(self, topic: str) -> bool:
        return topic in self._subscribers

    async def join(self, topic: str, subscriber: Subscriber) -> tuple[bool, OutFrame | None]:
        """Subscribe, and the snapshot to send after the reply (memory mode; see Relay.join)."""
        if not self.subscribe(topic, subscriber):
            return False, None
        return True, self.last_frame(topic)

    def add_tap(self, tap: Tap) -> None:
        """Call `tap(topic, frame)` for every delivered frame, subscribers or not (the bar history)."""
        self._taps.append(tap)

    def subscribe(self, topic: str, subscriber: Subscriber) -> bool:
        """Add `subscriber` to `topic`; False if it already held it (nothing changes then)."""
        subscribers = self._subscribers.setdefault(topic, set())
        if subscriber in subscribers:
            return False
        subscribers.add(subscriber)
        self._topics_of.setdefault(subscriber, set()).add(topic)
        if len(subscribers) == 1:
            self._notify_opened(topic)
        return True

    def unsubscribe(self, topic: str, subscriber: Subscriber) -> bool:
        """Remove `subscriber` from `topic`; False if it did not hold it."""
        subscribers = self._subscribers.get(topic)
        if subscribers is None or subscriber not in subscribers:
            return False
        subscribers.discard(subscriber)
        topics = self._topics_of[subscriber]
        topics.discard(topic)
        if not topics:
            del self._topics_of[subscriber]
        if not subscribers:
            del self._subscribers[topic]
            self._notify_closed(topic)
        return True

    def remove_all(self, subscriber: Subscriber) -> None:
        """Drop every subscription of `subscriber` (it disconnected)."""
        for topic in tuple(self._topics_of.get(subscriber, ())):
            self.unsubscribe(topic, subscriber)

    def held_by(self, subscriber: Subscriber) -> int:
        """How many topics `subscriber` holds."""
        return len(self._topics_of.get(subscriber, ()))

    def subscriptions_by_resolution(self) -> dict[str, int]:
        """Subscriptions held, by the resolution their topic ends with (for /metrics)."""
        counts: dict[str, int] = {}
        for topic, subscribers in self._subscribers.items():
            resolution = topic.rsplit(":", 1)[-1]
            counts[resolution] = counts.get(resolution, 0) + len(subscribers)
        return counts

    def last_frame(self, topic: str) -> OutFrame | None:
        """The encoded `bars.update` last delivered to `topic`, if any."""
        return self._last_frame.get(topic)

    def forget_last(self, topic: str) -> OutFrame | None:
        return self._last_frame.pop(topic, None)

    def drain(self) -> None:
        """The server is stopping: refuse every publish from now on (Draining)."""
        self._draining = True

    def _check_open(self) -> None:
        if self._draining:
            raise Draining("the server is shutting down; nothing was published")

    async def publish(self, topic: str, bar: Bar) -> None:
        """Send `bar` to every subscriber of `topic` as one `bars.update`, encoded once.

        Raises app.pubsub.broker.BrokerUnavailable when a broker is configured and down, and Draining
        when the server is stopping."""
        await self.publish_many(topic, (bar,))

    async def publish_many(self, topic: str, bars: Sequence[Bar]) -> None:
        """`publish` each bar in order; through a broker, all or none in one round trip."""
        self._check_open()
        if self._broker is None:
            for bar in bars:
                self.deliver(topic, update_frame(topic, bar))
        else:
            await self._broker.publish(topic, *[encode(bars_update(topic, bar)) for bar in bars])

    async def publish_local(self, topic: str, bar: Bar) -> None:
        """Deliver to this process's subscribers only, whatever the broker."""
        self.deliver(topic, update_frame(topic, bar))

    def archive(self, topic: str, bars: Sequence[Bar]) -> None:
        """Hand past bars to the taps (the history) only: nobody is sent them."""
        for bar in bars:
            frame = update_frame(topic, bar)
            for tap in self._taps:
                tap(topic, frame)

    def deliver(self, topic: str, frame: OutFrame) -> None:
        """Hand an already encoded `bars.update` of `topic` to its subscribers."""
        last = self._last_frame
        last[topic] = frame
        last.move_to_end(topic)
        if len(last) > self._max_topics:
            last.popitem(last=False)
        for tap in self._taps:
            tap(topic, frame)
        subscribers = self._subscribers.get(topic, ())
        self._stats.messages_out["bars.update"] += len(subscribers)  # one addition, not one per client
        for subscriber in subscribers:
            subscriber.send(frame)

    def _notify_opened(self, topic: str) -> None:
        log.debug("topic %s opened", topic)
        for watcher in self._watchers:
            watcher.topic_opened(topic)

    def _notify_closed(self, topic: str) -> None:
        log.debug("topic %s closed", topic)
        for watcher in self._watchers:
            watcher.topic_closed(topic)
