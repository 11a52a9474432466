"""Derived families: topics the server makes from what producers publish to a family's `source`.

The order book family is the one such family (x-topics `source`): a change of a symbol's whole
book, published to `orderbook:AAPL`, becomes an update of every depth somebody holds
(`orderbook:AAPL:10`, `:25`, `:50`), numbered with the source's `seq` and `epoch`; a new or
lagging subscriber gets the depth's snapshot of the moment. The book logic itself is
app/pubsub/books.py; this module frames what it says and hands it to the hub. In one process the
publisher feeds it; behind Redis the relay feeds it with the changes every worker receives.
"""

from typing import Any

import orjson

from app.pubsub.books import Book, Level, ViewMessage
from app.pubsub.hub import Hub
from app.pubsub.topic_log import Position
from app.transport.framing import OutFrame, out_frame
from generated.families import Family


def changes_type(family: Family) -> str:
    """The type of the frames that carry a source's changes between workers: `orderbook.changes`."""
    return f"{family.name}.changes"


def source_topic(family: Family, params: dict[str, str]) -> str:
    """The source topic a derived topic comes from: `orderbook:AAPL:10` -> `orderbook:AAPL`."""
    assert family.source is not None
    return family.source.template.format(**{name: params[name] for name, _, _ in family.source.params})


class Books:
    """The books of one process and the depth views its subscribers hold."""

    def __init__(self, hub: Hub) -> None:
        self._hub = hub
        self._books: dict[str, Book] = {}  # source topic -> its whole book
        self._positions: dict[str, Position] = {}  # source topic -> the last change applied
        self._held: dict[str, dict[str, int]] = {}  # source topic -> held derived topic -> its depth
        self._family: dict[str, Family] = {}  # held derived topic -> its family
        self._snapshots: dict[str, tuple[Position, OutFrame]] = {}  # the last snapshot framed per topic
        hub.add_watcher(self)

    def holds(self, source: str) -> bool:
        """Whether somebody holds a derived topic of `source` (its book must stay)."""
        return bool(self._held.get(source))

    def load(self, source: str, position: Position, time: int, bids: list[Level], asks: list[Level]) -> None:
        """Start `source`'s book over from a whole state (behind Redis: what Redis keeps); the
        held depths' next messages are snapshots."""
        book = self._books[source] = Book()
        book.apply(time, bids, asks)
        self._positions[source] = position
        for topic, depth in self._held.get(source, {}).items():
            book.snapshot(depth)
            self._snapshots.pop(topic, None)

    def drop(self, source: str) -> None:
        """Forget `source`'s book (behind Redis, once nobody here holds a depth of it)."""
        self._books.pop(source, None)
        self._positions.pop(source, None)
        for topic in self._held.pop(source, {}):
            self._family.pop(topic, None)
            self._snapshots.pop(topic, None)

    def apply(self, family: Family, source: str, position: Position, change: Any) -> None:
        """One change of the whole book (a BookChanges model) at `position` of its source's
        stream; every held depth gets its update."""
        book = self._book(source)
        book.apply(change.time, change.bids, change.asks, change.replace)
        self._positions[source] = position
        for topic, depth in self._held.get(source, {}).items():
            message = book.update(depth)
            self._hub.deliver(topic, self._frame(family.update, topic, position, book.time, message))

    def snapshot(self, family: Family, topic: str, params: dict[str, str], position: Position) -> OutFrame:
        """The depth's view as a snapshot at `position` of its source; the topic is followed from
        now on (until its last subscriber leaves)."""
        source, depth = source_topic(family, params), int(params["depth"])
        self._held.setdefault(source, {})[topic] = depth
        self._family[topic] = family
        self._positions.setdefault(source, position)
        return self._snapshot(topic)

    def fresh(self, topic: str) -> OutFrame:
        """A held topic's snapshot of this moment (for a client that lagged)."""
        return self._snapshot(topic)

    def _snapshot(self, topic: str) -> OutFrame:
        family = self._family[topic]
        params = family.parse(topic)
        assert params is not None and family.snapshot is not None
        source = source_topic(family, params)
        position = self._positions[source]
        cached = self._snapshots.get(topic)
        if cached is not None and cached[0] == position:
            return cached[1]  # many lagging clients of one topic share it
        book = self._book(source)
        frame = self._frame(family.snapshot, topic, position, book.time, book.snapshot(int(params["depth"])))
        self._snapshots[topic] = (position, frame)
        return frame

    def _book(self, source: str) -> Book:
        book = self._books.get(source)
        if book is None:
            book = self._books[source] = Book()
        return book

    def _frame(self, kind: str, topic: str, position: Position, time: int, message: ViewMessage) -> OutFrame:
        payload = {"time": time, "bids": message.bids, "asks": message.asks, "checksum": message.checksum}
        frame = {"type": kind, "topic": topic, "epoch": position.epoch, "seq": position.seq, "payload": payload}
        return out_frame(orjson.dumps(frame), (topic, None), kind, fresh=lambda: self.fresh(topic))

    # ---- the hub's watcher: a depth nobody holds is no longer followed --------------------

    def topic_opened(self, topic: str) -> None:
        pass

    def topic_closed(self, topic: str) -> None:
        family = self._family.pop(topic, None)
        self._snapshots.pop(topic, None)
        params = family.parse(topic) if family is not None else None
        if family is None or params is None:
            return
        source = source_topic(family, params)
        held = self._held.get(source, {})
        depth = held.pop(topic, None)
        book = self._books.get(source)
        if depth is not None and book is not None and depth not in held.values():
            book.forget(depth)
