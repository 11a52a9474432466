"""What makes a payload worth publishing beyond its schema, per channel family: the one place
where the engine names families, for the rules a JSON Schema cannot say.

Checked on every message published over HTTP or by an in-process producer, and on every frame
that reaches a worker through the broker (external producers write there too).
"""

import math
from collections.abc import Callable
from typing import Any

from generated.families import Family
from generated.models import Bar


def ohlc_sense(bar: Bar) -> None:
    """Finite prices in OHLC order, or ValueError naming the broken rule."""
    prices = (bar.open, bar.high, bar.low, bar.close)
    if not all(math.isfinite(price) for price in prices):
        raise ValueError("prices must be finite numbers")
    if bar.high < max(bar.open, bar.close):
        raise ValueError(f"high {bar.high} is below max(open, close) {max(bar.open, bar.close)}")
    if bar.low > min(bar.open, bar.close):
        raise ValueError(f"low {bar.low} is above min(open, close) {min(bar.open, bar.close)}")


DOMAIN_CHECKS: dict[str, Callable[[Any], None]] = {
    "bars": ohlc_sense,
}
"""Family name -> a check of one payload (its generated model), raising ValueError."""


def check_payload(family: Family, payload: Any) -> None:
    """ValueError if `payload` breaks a domain rule of `family`."""
    check = DOMAIN_CHECKS.get(family.name)
    if check is not None:
        check(payload)
