"""Topic -> subscribers, and the one fan-out path every message takes.

The hub only holds subscribers and delivers: a message arrives here serialized and framed once
(by the publisher in one process, by the relay from the broker) and the same bytes are handed
to each subscriber through a non-blocking `send`, so a delivery costs one append per subscriber
and never waits on anybody's socket.

Watchers learn when a topic gets its first subscriber or loses its last one (the demo feed
starts and stops there; the relay holds the broker's channel there). A watcher that fails is
logged and skipped: it must never leave a subscriber half joined or a connection unreleased.
"""

import logging
import re
from typing import Protocol

from app.stats import Stats
from app.transport.framing import OutFrame

log = logging.getLogger(__name__)

_FAMILY_END = re.compile("[:#]")


class Subscriber(Protocol):
    def send(self, frame: OutFrame) -> None:
        """Queue one frame; must not block, await or change the hub."""


class TopicWatcher(Protocol):
    def topic_opened(self, topic: str) -> None:
        """`topic` got its first subscriber."""

    def topic_closed(self, topic: str) -> None:
        """`topic` lost its last subscriber."""


class Hub:
    def __init__(self, stats: Stats | None = None) -> None:
        self._stats = stats or Stats()
        self._subscribers: dict[str, set[Subscriber]] = {}
        self._topics_of: dict[Subscriber, set[str]] = {}
        self._watchers: list[TopicWatcher] = []

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

    def topics(self) -> list[str]:
        """Topics with at least one subscriber."""
        return list(self._subscribers)

    def subscribe(self, topic: str, subscriber: Subscriber) -> bool:
        """Add `subscriber` to `topic`; False if it already held it (nothing changes then)."""
        subscribers = self._subscribers.setdefault(topic, set())
        if subscriber in subscribers:
            return False
        subscribers.add(subscriber)
        self._topics_of.setdefault(subscriber, set()).add(topic)
        if len(subscribers) == 1:
            self._notify(topic, opened=True)
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
            self._notify(topic, opened=False)
        return True

    def remove_all(self, subscriber: Subscriber) -> None:
        """Drop every subscription of `subscriber` (it disconnected)."""
        for topic in tuple(self._topics_of.get(subscriber, ())):
            self.unsubscribe(topic, subscriber)

    def held_by(self, subscriber: Subscriber) -> int:
        """How many topics `subscriber` holds."""
        return len(self._topics_of.get(subscriber, ()))

    def subscriptions_by_family(self) -> dict[str, int]:
        """Subscriptions held, by the family their topic belongs to (for /metrics)."""
        counts: dict[str, int] = {}
        for topic, subscribers in self._subscribers.items():
            family = _FAMILY_END.split(topic, maxsplit=1)[0]
            counts[family] = counts.get(family, 0) + len(subscribers)
        return counts

    def deliver(self, topic: str, frame: OutFrame) -> None:
        """Hand an encoded message of `topic` to its subscribers."""
        subscribers = self._subscribers.get(topic)
        if not subscribers:
            return
        self._stats.messages_out[frame.kind] += len(subscribers)  # one addition, not one per client
        for subscriber in subscribers:
            subscriber.send(frame)

    def _notify(self, topic: str, *, opened: bool) -> None:
        log.debug("topic %s %s", topic, "opened" if opened else "closed")
        for watcher in self._watchers:
            try:
                (watcher.topic_opened if opened else watcher.topic_closed)(topic)
            except Exception:
                log.exception(
                    "%s failed as topic %s %s", type(watcher).__name__, topic, "opened" if opened else "closed"
                )
