"""One topic's stream: its epoch, its sequence numbers and the messages it keeps.

The same rules run here (one process, and every worker's view of a topic it holds) and in
Redis (app/pubsub/broker/scripts/publish.lua), so a message is kept, replaced or dropped alike
wherever it is published:

- Every published message gets the next `seq` of the topic's `epoch`.
- A keyed family (`x-topics.<family>.key`, bars: the bar time) keeps one message per key with
  keys rising: the same key as the newest replaces it, a later key appends, an older key is
  delivered but not kept. A `latest` family without a key keeps only its newest message; a
  `stream` family keeps every message.
- At most `capacity` messages are kept; `trimmed` is the highest `seq` dropped for space. A
  client at position `s` of this epoch can be brought up to date exactly when `s >= trimmed`:
  every later message is kept, or was replaced by a newer state of its key.
"""

import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from app.transport.framing import OutFrame


def new_epoch() -> str:
    """A short random name for a new stream (8 hex digits)."""
    return secrets.token_hex(4)


class Position(NamedTuple):
    """Where a topic's stream stands, or where a client is in it: an epoch and the `seq` of the
    last message (0 before the first)."""

    seq: int
    epoch: str


class Entry(NamedTuple):
    seq: int
    key: int | None
    frame: OutFrame


@dataclass(frozen=True, slots=True)
class KeepRule:
    """How a family keeps its messages (from its `x-topics` declaration)."""

    capacity: int
    keyed: bool
    replace_all: bool  # a `latest` family without a key: the newest message is the whole state


@dataclass(slots=True)
class TopicLog:
    rule: KeepRule
    epoch: str = field(default_factory=new_epoch)
    seq: int = 0  # the last assigned
    trimmed: int = 0
    entries: list[Entry] = field(default_factory=list)

    @property
    def position(self) -> Position:
        return Position(self.seq, self.epoch)

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def accepts(self, key: int | None) -> bool:
        """Whether a message with `key` would be kept (a keyed family drops older keys)."""
        if not self.rule.keyed or not self.entries:
            return True
        newest = self.entries[-1].key
        return key is not None and (newest is None or key >= newest)

    def keep(self, seq: int, key: int | None, frame: OutFrame) -> None:
        """Keep the message `seq`, which `accepts` allowed, replacing what it supersedes."""
        entries, rule = self.entries, self.rule
        if rule.replace_all:
            entries.clear()
        elif rule.keyed and entries and entries[-1].key == key:
            entries.pop()
        entries.append(Entry(seq, key, frame))
        if len(entries) > rule.capacity:
            dropped = len(entries) - rule.capacity
            self.trimmed = entries[dropped - 1].seq
            del entries[:dropped]

    def adopt(self, entries: list[Entry]) -> None:
        """Take `entries` (kept by this log's rule, oldest first) as its own, the oldest
        dropped past the capacity."""
        dropped = len(entries) - self.rule.capacity
        if dropped > 0:
            self.trimmed = max(self.trimmed, entries[dropped - 1].seq)
            entries = entries[dropped:]
        self.entries = entries

    def newest(self) -> OutFrame | None:
        return self.entries[-1].frame if self.entries else None

    def recoverable(self, since: int, epoch: str) -> bool:
        """Whether a client that applied `since` of `epoch` can be sent exactly what it missed."""
        return epoch == self.epoch and self.trimmed <= since <= self.seq

    def after(self, since: int) -> list[OutFrame]:
        """The kept messages later than `since`, oldest first."""
        entries = self.entries
        start = len(entries)
        while start > 0 and entries[start - 1].seq > since:
            start -= 1
        return [entry.frame for entry in entries[start:]]

    def page(self, limit: int, end: int | None) -> list[OutFrame]:
        """Up to `limit` kept messages before `end` (exclusive; by key, or by seq without one),
        the newest ones, oldest first."""
        entries = self.entries
        if end is not None:
            keyed = self.rule.keyed
            entries = [e for e in entries if (e.key if keyed and e.key is not None else e.seq) < end]
        return [entry.frame for entry in entries[max(0, len(entries) - limit) :]]


class TopicLogs:
    """The logs of up to `max_topics` topics, the least recently used dropped first, except those
    `pinned` (held by subscribers: their positions must stay good). A topic whose log was dropped
    starts a new epoch."""

    def __init__(
        self, max_topics: int, rule_of: Callable[[str], KeepRule], pinned: Callable[[str], bool] = lambda _: False
    ) -> None:
        self._logs: OrderedDict[str, TopicLog] = OrderedDict()
        self._max_topics = max_topics
        self._rule_of = rule_of
        self._pinned = pinned

    def __len__(self) -> int:
        return len(self._logs)

    def get(self, topic: str) -> TopicLog | None:
        return self._logs.get(topic)

    def open(self, topic: str) -> TopicLog:
        """The topic's log, made now if it has none."""
        log = self._logs.get(topic)
        if log is not None:
            self._logs.move_to_end(topic)
            return log
        log = self._logs[topic] = TopicLog(self._rule_of(topic))
        self._evict()
        return log

    def _evict(self) -> None:
        for _ in range(len(self._logs) - 1):  # each topic looked at once at most
            if len(self._logs) <= self._max_topics:
                return
            oldest = next(iter(self._logs))
            if self._pinned(oldest):
                self._logs.move_to_end(oldest)
            else:
                del self._logs[oldest]
