"""Shared helpers of the feed tests: UTC instants, trades, and bar arithmetic done independently."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal

from app.feed.market import Trade
from generated.models import Bar


def ms(iso: str) -> int:
    """Unix ms of an ISO instant read as UTC, e.g. `ms("2024-03-31T23:59:59.999")`."""
    return round(datetime.fromisoformat(iso).replace(tzinfo=UTC).timestamp() * 1000)


def seconds(iso: str) -> float:
    return ms(iso) / 1000


def aggregate(bars: Iterable[Bar], time: int) -> Bar:
    """The bar that a run of consecutive finer bars makes: first open, extremes, last close, sum."""
    ordered = sorted(bars, key=lambda bar: bar.time)
    return Bar(
        time=time,
        open=ordered[0].open,
        high=max(bar.high for bar in ordered),
        low=min(bar.low for bar in ordered),
        close=ordered[-1].close,
        volume=sum(bar.volume for bar in ordered),
    )


def trade(time: int, price: str, size: int, side: str = "buy", id: int | None = None) -> Trade:
    """A trade at `time` (its id by default the time, so ids rise with it)."""
    return Trade(time if id is None else id, time, price, str(size), "buy" if side == "buy" else "sell")


def bar_of_trades(trades: Iterable[Trade], time: int) -> Bar:
    """The bar a run of trades makes, computed straight from the trades (with Decimal, not the
    feed's floats: first and last by time, extremes, summed sizes)."""
    ordered = sorted(trades, key=lambda t: (t.time, t.id))
    prices = [Decimal(t.price) for t in ordered]
    return Bar(
        time=time,
        open=float(prices[0]),
        high=float(max(prices)),
        low=float(min(prices)),
        close=float(prices[-1]),
        volume=sum(int(t.size) for t in ordered),
    )


def final_bars(updates: Iterable[tuple[str, Bar]]) -> dict[str, dict[int, Bar]]:
    """topic -> bar time -> the last published state of that bar."""
    finals: dict[str, dict[int, Bar]] = defaultdict(dict)
    for topic, bar in updates:
        finals[topic][bar.time] = bar
    return finals


class FakeClock:
    """A settable clock in seconds, handed to DemoFeed instead of time.time."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
