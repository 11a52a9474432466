"""What makes a bar worth publishing beyond its schema: finite prices in OHLC order.

Checked on every bar POSTed to /api/v1/publish and on every message an external producer
publishes straight into the broker.
"""

import math

from generated.models import Bar


def ohlc_sense(bar: Bar) -> Bar:
    """`bar` itself, or ValueError naming the broken rule."""
    prices = (bar.open, bar.high, bar.low, bar.close)
    if not all(math.isfinite(price) for price in prices):
        raise ValueError("prices must be finite numbers")
    if bar.high < max(bar.open, bar.close):
        raise ValueError(f"high {bar.high} is below max(open, close) {max(bar.open, bar.close)}")
    if bar.low > min(bar.open, bar.close):
        raise ValueError(f"low {bar.low} is above min(open, close) {min(bar.open, bar.close)}")
    return bar
