"""Trades -> OHLCV bars, one forming bar per resolution.

A bar is the exact aggregate of its bucket's trades: open and close the first and last trade's
price, high and low the extremes, volume the summed sizes (prices parsed from the trades' decimal
strings into the floats a `Bar` holds). Every resolution of a symbol folds the very same trades,
so coarse bars are exactly the aggregate of the finer bars inside them (a 5-minute bar is its
five 1-minute bars). When a batch of trades closes a bar, the bar's final state is returned
before the next one, so a subscriber never misses the last trades of a bar.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from generated.models import RESOLUTION_VALUES, Bar, Resolution

from .buckets import bucket_start


class Trade(Protocol):
    """What a bar needs of a trade: app.feed.market.Trade, or the spec's generated `Trade`."""

    @property
    def time(self) -> int: ...
    @property
    def price(self) -> str: ...
    @property
    def size(self) -> str: ...


@dataclass(slots=True)
class _Forming:
    """The mutable state of the bar being built; frozen into a `Bar` only when published."""

    time: int
    open: float
    high: float
    low: float
    close: float
    volume: int

    @classmethod
    def start(cls, time: int, trade: Trade) -> "_Forming":
        price = float(trade.price)
        return cls(time, price, price, price, price, int(trade.size))

    def add(self, trade: Trade) -> None:
        price = float(trade.price)
        self.high = max(self.high, price)
        self.low = min(self.low, price)
        self.close = price
        self.volume += int(trade.size)

    def to_bar(self) -> Bar:
        return Bar(
            time=self.time,
            open=self.open,
            high=self.high,
            low=self.low,
            close=self.close,
            volume=self.volume,
        )


class BarBuilder:
    """The forming bar of one resolution."""

    def __init__(self, resolution: Resolution) -> None:
        self.resolution: Resolution = resolution
        self._forming: _Forming | None = None

    @property
    def current(self) -> Bar | None:
        """The latest bar, or None before the first trade."""
        return None if self._forming is None else self._forming.to_bar()

    def fold(self, trades: Iterable[Trade]) -> list[Bar]:
        """Add trades (oldest first); return each bar they touched in its final state, oldest first.

        A trade whose bucket lies before the forming bar's is a caller bug: `SymbolBars`
        filters those out so that every resolution sees the same stream.
        """
        touched: list[Bar] = []
        changed = False
        for trade in trades:
            time = bucket_start(trade.time, self.resolution)
            if self._forming is None or time > self._forming.time:
                if changed and self._forming is not None:
                    touched.append(self._forming.to_bar())
                self._forming = _Forming.start(time, trade)
            elif time == self._forming.time:
                self._forming.add(trade)
            else:
                raise ValueError(f"trade at {trade.time} is older than bar {self._forming.time}")
            changed = True
        if changed and self._forming is not None:
            touched.append(self._forming.to_bar())
        return touched


class SymbolBars:
    """Bars of every resolution of one symbol, all fed from one trade stream."""

    def __init__(self) -> None:
        self._builders = {resolution: BarBuilder(resolution) for resolution in RESOLUTION_VALUES}
        self._last_ts = -1

    def current(self, resolution: Resolution) -> Bar | None:
        """The latest bar of a resolution, or None before the first trade."""
        return self._builders[resolution].current

    def fold(self, trades: Sequence[Trade]) -> dict[Resolution, list[Bar]]:
        """Feed trades to every resolution; return the bars each one touched (see `BarBuilder.fold`).

        Trades older than one already folded are dropped for all resolutions alike, which
        keeps every topic's `time` from going backwards and the resolutions consistent.
        """
        fresh = self._in_order(trades)
        if not fresh:
            return {}
        return {resolution: builder.fold(fresh) for resolution, builder in self._builders.items()}

    def _in_order(self, trades: Sequence[Trade]) -> list[Trade]:
        fresh: list[Trade] = []
        for trade in trades:
            if trade.time >= self._last_ts:
                fresh.append(trade)
                self._last_ts = trade.time
        return fresh
