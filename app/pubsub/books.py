"""Order books: each symbol's whole book as producers publish it, and every depth's view of it.

A derived family (`orderbook`) is carried here: producers publish the changes of a symbol's whole
book to its source topic (`orderbook:AAPL`); each change is applied once, and for each depth
that somebody holds (`orderbook:AAPL:10`, `:25`, `:50`) the levels of the view that changed, or
entered it, go out once as an update with the view's checksum, numbered with the source's
`seq`. A new subscriber (or one that lagged) gets the view as it is now, as a snapshot. All of it
costs per topic, never per subscriber, and a change below a view's last level costs that view
nothing (most changes of a deep book).

Prices are compared as exact decimals and kept as the strings producers wrote, so the checksum
over `price:size` is exactly what a client computes from what it received (spec: "Order books").
"""

import bisect
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

Level = tuple[str, str]  # (price, size), the strings as published


def is_zero(size: str) -> bool:
    try:
        return Decimal(size) == 0
    except InvalidOperation:
        return False


def checksum(asks: Sequence[Level], bids: Sequence[Level]) -> int:
    """CRC-32 of `price:size|...` over the asks ascending, then the bids descending."""
    text = "|".join(f"{price}:{size}" for price, size in (*asks, *bids))
    return zlib.crc32(text.encode())


class Side:
    """One side of a book: its levels in book order (asks ascending, bids descending), each
    under an exact sort key (the price, negated for bids)."""

    __slots__ = ("_descending", "_keys", "_levels", "_texts", "changed")

    def __init__(self, descending: bool) -> None:
        self._descending = descending
        self._keys: list[Decimal] = []  # sorted ascending
        self._levels: dict[Decimal, Level] = {}
        self._texts: dict[Decimal, str] = {}  # "price:size", as the checksum joins it
        self.changed: set[Decimal] = set()
        """The keys the last change set or removed."""

    def __len__(self) -> int:
        return len(self._keys)

    def key(self, price: str) -> Decimal:
        """Where a price stands in this side's order (lower first). Exact: arithmetic would round
        to 28 digits, and prices have up to 30."""
        key = Decimal(price)
        return key.copy_negate() if self._descending else key

    def set(self, price: str, size: str) -> None:
        """A level's absolute size; zero removes it."""
        key = self.key(price)
        if is_zero(size):
            if self._levels.pop(key, None) is None:
                return  # no such level: nothing changed
            del self._texts[key]
            del self._keys[bisect.bisect_left(self._keys, key)]
        else:
            if key not in self._levels:
                bisect.insort(self._keys, key)
            self._levels[key] = (price, size)
            self._texts[key] = f"{price}:{size}"
        self.changed.add(key)

    def top(self, depth: int) -> "SideView":
        keys = self._keys[:depth]
        levels, texts = self._levels, self._texts
        return SideView(keys, [levels[k] for k in keys], "|".join([texts[k] for k in keys]))

    def level(self, key: Decimal) -> Level | None:
        return self._levels.get(key)

    def moved(self, view: "SideView", depth: int) -> bool:
        """Whether the last change can have changed `view`, this side's top `depth` before it: a
        change below a full view's last level cannot."""
        return bool(self.changed) and (len(view.keys) < depth or min(self.changed) <= view.keys[-1])


@dataclass(frozen=True, slots=True)
class SideView:
    """A side's top levels as a view holds them, with their keys and checksum text."""

    keys: list[Decimal]
    levels: list[Level]
    text: str


@dataclass(frozen=True, slots=True)
class View:
    """What the subscribers of one depth hold: each side's top levels, and its checksum."""

    asks: SideView
    bids: SideView
    checksum: int
    change: int  # the book's change count it was computed at


def _view(asks: SideView, bids: SideView, change: int) -> View:
    text = f"{asks.text}|{bids.text}" if asks.text and bids.text else asks.text or bids.text
    return View(asks, bids, zlib.crc32(text.encode()), change)


@dataclass(frozen=True, slots=True)
class ViewMessage:
    """A snapshot or an update of one depth's view, ready to be framed."""

    bids: list[list[str]]
    asks: list[list[str]]
    checksum: int


def _changed(side: Side, before: SideView, after: SideView, depth: int) -> list[list[str]]:
    """The levels of the view the last change set, removed ("0") or brought in from below, in
    book order; a level pushed out of the view by better ones is not sent (clients cut to depth).
    Found from the change's own keys: a few lookups, whatever the depth."""
    full = len(after.keys) == depth
    changes: dict[Decimal, Level] = {}
    for key in side.changed:
        level = side.level(key)
        if level is not None:
            if not full or key <= after.keys[-1]:
                changes[key] = level
            continue
        at = bisect.bisect_left(before.keys, key)
        if at < len(before.keys) and before.keys[at] == key:  # it left the view, and the book
            changes[key] = (before.levels[at][0], "0")
    if len(before.keys) == depth:  # levels from below the old view's last one, none of them set
        start = bisect.bisect_right(after.keys, before.keys[-1])
        for key, level in zip(after.keys[start:], after.levels[start:], strict=True):
            changes.setdefault(key, level)
    return [[changes[key][0], changes[key][1]] for key in sorted(changes)]


def _compared(side: Side, before: SideView, after: SideView) -> list[list[str]]:
    """`_changed` by comparing the views level by level (after a whole new book)."""
    old = dict(zip(before.keys, before.levels, strict=True))
    changes = {key: level for key, level in zip(after.keys, after.levels, strict=True) if old.get(key) != level}
    changes.update({key: (level[0], "0") for key, level in old.items() if side.level(key) is None})
    return [[changes[key][0], changes[key][1]] for key in sorted(changes)]


class Book:
    """A symbol's whole book, and the views of the depths somebody holds."""

    def __init__(self) -> None:
        self.asks, self.bids = Side(descending=False), Side(descending=True)
        self.views: dict[int, View] = {}
        self.time = 0
        self.changes = 0  # changes applied
        self._replaced = False  # the last change was a whole book

    def apply(
        self, time: int, bids: Iterable[Sequence[str]], asks: Iterable[Sequence[str]], replace: bool = False
    ) -> None:
        """Set each level's size ("0" removes it); with `replace` the levels are the whole book."""
        self.time, self.changes, self._replaced = time, self.changes + 1, replace
        if replace:
            self.asks, self.bids = Side(descending=False), Side(descending=True)
        self.asks.changed.clear()
        self.bids.changed.clear()
        for price, size in bids:
            self.bids.set(price, size)
        for price, size in asks:
            self.asks.set(price, size)

    def snapshot(self, depth: int) -> ViewMessage:
        """The view of `depth` as it is now; from here on its updates follow it."""
        view = self.views.get(depth)
        if view is None or view.change != self.changes:
            view = self.views[depth] = _view(self.asks.top(depth), self.bids.top(depth), self.changes)
        asks, bids = view.asks.levels, view.bids.levels
        return ViewMessage([list(level) for level in bids], [list(level) for level in asks], view.checksum)

    def update(self, depth: int) -> ViewMessage:
        """What the last change changed in the view of `depth`, followed since its snapshot."""
        before = self.views.get(depth)
        if before is None:
            return self.snapshot(depth)
        whole = self._replaced or before.change != self.changes - 1  # else only the last change counts
        asks_moved = whole or self.asks.moved(before.asks, depth)
        bids_moved = whole or self.bids.moved(before.bids, depth)
        if not (asks_moved or bids_moved):
            self.views[depth] = View(before.asks, before.bids, before.checksum, self.changes)
            return ViewMessage([], [], before.checksum)
        asks = self.asks.top(depth) if asks_moved else before.asks
        bids = self.bids.top(depth) if bids_moved else before.bids
        after = self.views[depth] = _view(asks, bids, self.changes)
        if whole:  # the change was the whole book, or the view missed some: compare all
            return ViewMessage(
                _compared(self.bids, before.bids, bids), _compared(self.asks, before.asks, asks), after.checksum
            )
        return ViewMessage(
            _changed(self.bids, before.bids, bids, depth) if bids_moved else [],
            _changed(self.asks, before.asks, asks, depth) if asks_moved else [],
            after.checksum,
        )

    def forget(self, depth: int) -> None:
        """Nobody holds `depth` any more: stop following it."""
        self.views.pop(depth, None)
