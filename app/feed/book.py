"""A limit order book's levels as the demo market keeps them, and as the wire carries them.

Prices are integer ticks of 0.01 and sizes integer shares inside the feed; on the wire both are
decimal strings (`"150.25"`, `"300"`, the spec's `Decimal`), so nothing is lost to floats and a
checksum over them is exact.
"""

from collections.abc import Iterable, Mapping
from typing import NamedTuple

TICKS_PER_UNIT = 100
"""Prices move by 0.01."""

Level = tuple[int, int]
"""(price in ticks, size in shares)."""


class Top(NamedTuple):
    """The best bid and ask with the sizes resting there, as a `Quote` carries them."""

    bid: str
    bid_size: str
    ask: str
    ask_size: str


class Book(NamedTuple):
    """Both sides of a book, best level first: bids descending, asks ascending, every size > 0."""

    bids: tuple[Level, ...]
    asks: tuple[Level, ...]

    def top(self) -> Top:
        (bid, bid_size), (ask, ask_size) = self.bids[0], self.asks[0]
        return Top(price_text(bid), str(bid_size), price_text(ask), str(ask_size))


def price_text(ticks: int) -> str:
    """150.25 for 15025 ticks: the spec's decimal string at the tick, never a float's digits."""
    units, cents = divmod(ticks, TICKS_PER_UNIT)
    return f"{units}.{cents:02d}"


def changed_levels(before: Mapping[int, int], after: Mapping[int, int], descending: bool) -> list[list[str]]:
    """The `[price, size]` entries that turn one side `before` into `after`: every level whose
    size changed or that appeared, and `"0"` for every level that went, in the side's order."""
    prices = {price for price, size in after.items() if before.get(price) != size}
    prices.update(price for price in before if price not in after)
    return [[price_text(p), str(after.get(p, 0))] for p in sorted(prices, reverse=descending)]


def removals(prices: Iterable[int], descending: bool) -> list[list[str]]:
    """`[price, "0"]` for each price, in the side's order."""
    return [[price_text(p), "0"] for p in sorted(set(prices), reverse=descending)]
