"""The demo market's history: the bars before the feed started watching a topic.

A chart opened on a fresh `make dev` would otherwise start from one candle. Buckets before
the watch are sketched from the same price path the live trades follow (`Market.sketch`), so
they join the live bars without a jump, and every process draws the same ones.
"""

from generated.models import Bar, Resolution

from .buckets import bucket_start
from .market import Market

BACKFILL = 300
"""Bars sketched per topic: what a chart asks for by default (GET /api/v1/bars/history)."""


def backfill(market: Market, resolution: Resolution, now_ms: int, count: int = BACKFILL) -> list[Bar]:
    """The `count` complete buckets before the one holding `now_ms`, oldest first."""
    bars: list[Bar] = []
    end = bucket_start(now_ms, resolution)
    for _ in range(count):
        start = bucket_start(end - 1, resolution)
        sketch = market.sketch(start, end)
        bars.append(Bar(time=start, **sketch._asdict()))
        end = start
    return bars[::-1]
