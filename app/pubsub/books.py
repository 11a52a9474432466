"""Order books: each symbol's whole book as producers publish it, and every depth's view of it.

A derived family (`orderbook`) is carried here: producers publish the changes of a symbol's whole
book to its source topic (`orderbook:AAPL`); each change is applied once, and for each depth
that somebody holds (`orderbook:AAPL:10`, `:25`, `:50`) the levels of the view that changed, or
entered it, go out once as an update with the view's checksum, numbered with the source's
`seq`. A new subscriber (or one that lagged) gets the view as it is now, as a snapshot. All of it
costs per topic, never per subscriber.

Prices are compared as decimals and kept as the strings producers wrote, so the checksum over
`price:size` is exactly what a client computes from what it received (spec: "Order books").
"""

import bisect
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

Level = tuple[str, str]  # (price, size), the strings as published


def is_zero(size: str) -> bool:
    try:
        return Decimal(size) == 0
    except InvalidOperation:
        return False


class Side:
    """One side of a book: its levels in book order (asks ascending, bids descending)."""

    __slots__ = ("_descending", "_keys", "_levels")

    def __init__(self, descending: bool) -> None:
        self._descending = descending
        self._keys: list[Decimal] = []  # sorted ascending: prices, negated for bids
        self._levels: dict[Decimal, Level] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def set(self, price: str, size: str) -> None:
        """A level's absolute size; zero removes it."""
        key = self.order(price)
        if is_zero(size):
            if self._levels.pop(key, None) is not None:
                del self._keys[bisect.bisect_left(self._keys, key)]
            return
        if key not in self._levels:
            bisect.insort(self._keys, key)
        self._levels[key] = (price, size)

    def top(self, depth: int) -> list[Level]:
        levels = self._levels
        return [levels[key] for key in self._keys[:depth]]

    def holds(self, price: str) -> bool:
        return self.order(price) in self._levels

    def order(self, price: str) -> Decimal:
        """Where a price stands in this side's order (lower first). Exact: arithmetic would round
        to 28 digits, and prices have up to 30."""
        key = Decimal(price)
        return key.copy_negate() if self._descending else key


def checksum(asks: Sequence[Level], bids: Sequence[Level]) -> int:
    """CRC-32 of `price:size|...` over the asks ascending, then the bids descending."""
    text = "|".join(f"{price}:{size}" for price, size in (*asks, *bids))
    return zlib.crc32(text.encode())


@dataclass(slots=True)
class View:
    """What the subscribers of one depth hold: each side's top levels."""

    depth: int
    asks: list[Level] = field(default_factory=list)
    bids: list[Level] = field(default_factory=list)

    @property
    def checksum(self) -> int:
        return checksum(self.asks, self.bids)


@dataclass(frozen=True, slots=True)
class ViewMessage:
    """A snapshot or an update of one depth's view, ready to be framed."""

    bids: list[list[str]]
    asks: list[list[str]]
    checksum: int


def _changed(side: Side, before: list[Level], after: list[Level]) -> list[list[str]]:
    """Levels of `after` that are new or resized, and levels of `before` that left the book
    (size "0"); a level pushed out of the view by better ones is not sent (clients cut to depth)."""
    kept = dict(before)
    changes = [(price, size) for price, size in after if kept.get(price) != size]
    now = {price for price, _ in after}
    changes += [(price, "0") for price, _ in before if price not in now and not side.holds(price)]
    changes.sort(key=lambda level: side.order(level[0]))
    return [[price, size] for price, size in changes]


class Book:
    """A symbol's whole book, and the views of the depths somebody holds."""

    def __init__(self) -> None:
        self.asks, self.bids = Side(descending=False), Side(descending=True)
        self.views: dict[int, View] = {}
        self.time = 0

    def apply(
        self, time: int, bids: Iterable[Sequence[str]], asks: Iterable[Sequence[str]], replace: bool = False
    ) -> None:
        """Set each level's size ("0" removes it); with `replace` the levels are the whole book."""
        self.time = time
        if replace:
            self.asks, self.bids = Side(descending=False), Side(descending=True)
        for price, size in bids:
            self.bids.set(price, size)
        for price, size in asks:
            self.asks.set(price, size)

    def snapshot(self, depth: int) -> ViewMessage:
        """The view of `depth` as it is now; from here on its updates follow it. (Every change
        updates the views followed, so a followed view is always the book's top.)"""
        view = self.views.get(depth)
        if view is None:
            view = self.views[depth] = View(depth, self.asks.top(depth), self.bids.top(depth))
        return ViewMessage([list(level) for level in view.bids], [list(level) for level in view.asks], view.checksum)

    def update(self, depth: int) -> ViewMessage:
        """What changed in the view of `depth` since its last snapshot or update."""
        before = self.views.get(depth)
        if before is None:
            return self.snapshot(depth)
        after = View(depth, self.asks.top(depth), self.bids.top(depth))
        self.views[depth] = after
        bids, asks = _changed(self.bids, before.bids, after.bids), _changed(self.asks, before.asks, after.asks)
        return ViewMessage(bids, asks, after.checksum)

    def forget(self, depth: int) -> None:
        """Nobody holds `depth` any more: stop following it."""
        self.views.pop(depth, None)
