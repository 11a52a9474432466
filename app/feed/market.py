"""A synthetic market: the same trades for a symbol in every process, at any start time.

Time is cut into slots of `SLOT_MS`; each slot holds at most one trade. Everything about a
slot (whether it trades, when, at what price, how many shares) is drawn from a stable hash
of the symbol and the slot index, never from Python's salted `hash()` or a shared random
state. So two workers, or a worker that started watching later, see identical trades: the
feed's prices are a function of (symbol, time) only.

The price is a geometric Brownian path built by Lévy's midpoint construction: log-price
values at "anchors" every 2**SEGMENT_BITS slots are independent draws around the symbol's base
price, and the value at any slot is reached by bisecting its segment, each midpoint drawn
from the Brownian-bridge law given its two ends. That costs O(SEGMENT_BITS) hashes per slot
and needs no history, yet consecutive trades move by a small random step like a walk.
"""

import hashlib
import math
import struct
from statistics import NormalDist
from typing import NamedTuple

SLOT_MS = 100
"""At most one trade per slot; with TRADE_PROBABILITY 0.7 about seven trades a second."""
TRADE_PROBABILITY = 0.7
SKETCH_POINTS = 4
"""Points of the path a sketched bucket reads (see `Market.sketch`)."""
SEGMENT_BITS = 20
"""Anchors every 2**20 slots (about 29 hours)."""
SIGMA_PER_SLOT = 0.001 / math.sqrt(60_000 / SLOT_MS)
"""Log-price volatility of one slot: about 0.1 % per minute, a lively but plausible stock."""
# With anchors this spread, the path's variance is the same at anchors and midpoints.
_ANCHOR_SIGMA = SIGMA_PER_SLOT * math.sqrt(2**SEGMENT_BITS / 2)
_SEGMENT_SLOTS = 1 << SEGMENT_BITS
_MIN_PRICE, _MAX_PRICE = 10.0, 500.0
_NORMAL = NormalDist()


class Trade(NamedTuple):
    """One trade: when (Unix ms), at what price, how many shares."""

    ts_ms: int
    price: float
    size: int


class Sketch(NamedTuple):
    """A bucket's OHLCV drawn from the path without its trades (see `Market.sketch`)."""

    open: float
    high: float
    low: float
    close: float
    volume: int


class _Span(NamedTuple):
    """Slots [lo, hi) of a segment with the path's values at both ends."""

    lo: int
    hi: int
    value_lo: float
    value_hi: float


class Market:
    """The deterministic trade stream of one symbol."""

    def __init__(self, symbol: str) -> None:
        self.symbol = symbol
        # Length-prefixed so that no (symbol, suffix) pair hashes like another one.
        encoded = symbol.encode()
        self._seed = hashlib.blake2b(struct.pack(">I", len(encoded)) + encoded, digest_size=24)
        self._segment = -1
        self._path: list[_Span] = []
        # Log-uniform in [10, 500): as many $10-50 symbols as $100-500 ones.
        self.base_price = _MIN_PRICE * math.pow(_MAX_PRICE / _MIN_PRICE, self._uniforms(b"p", 0, 0)[0])

    def trades(self, start_ms: int, end_ms: int) -> list[Trade]:
        """Every trade with `start_ms <= ts_ms < end_ms`, oldest first.

        Half-open windows let a caller walk time in steps of any size and see each trade once.
        """
        found: list[Trade] = []
        for slot in range(start_ms // SLOT_MS, -(-end_ms // SLOT_MS)):
            trade = self.trade_in(slot)
            if trade is not None and start_ms <= trade.ts_ms < end_ms:
                found.append(trade)
        return found

    def trade_in(self, slot: int) -> Trade | None:
        """The trade of one slot, if it has one."""
        happens, when, size = self._uniforms(b"t", slot, 0)
        if happens >= TRADE_PROBABILITY:
            return None
        return Trade(slot * SLOT_MS + int(when * SLOT_MS), self.price_at(slot), _trade_size(size))

    def sketch(self, start_ms: int, end_ms: int) -> Sketch:
        """The bucket [start_ms, end_ms) of the same path, for history from before the feed
        started: a day holds ~600,000 trades, too many to replay. Open and close are the path
        at the bucket's ends and high and low are each drawn, like the volume, from a pure
        function of (symbol, time): the extremes of the Brownian bridge between SKETCH_POINTS
        points of the path, from their exact law. So any process draws the same bars."""
        first, last = start_ms // SLOT_MS, -(-end_ms // SLOT_MS) - 1
        slots = sorted({first + (last - first) * i // (SKETCH_POINTS - 1) for i in range(SKETCH_POINTS)})
        values = [self._log_offset(slot) for slot in slots]
        high, low = max(values), min(values)
        for lo, hi, a, b in zip(slots, slots[1:], values, values[1:], strict=False):
            # The maximum M of a bridge from a to b over n slots: P(M > m) = exp(-2 (m-a)(m-b) / (σ² n)).
            up, down, _ = self._uniforms(b"x", lo, hi)
            reach = 2 * SIGMA_PER_SLOT**2 * (hi - lo)
            high = max(high, (a + b + math.sqrt((a - b) ** 2 - reach * math.log(up))) / 2)
            low = min(low, (a + b - math.sqrt((a - b) ** 2 - reach * math.log(down))) / 2)
        trades = (last - first + 1) * TRADE_PROBABILITY
        typical = _trade_size(0.5) * math.exp(1.1**2 / 2)  # the log-normal's mean
        noise = math.exp(0.3 * self._normal(b"v", first, last))
        price = [round(self.base_price * math.exp(v), 2) for v in (values[0], high, low, values[-1])]
        return Sketch(price[0], price[1], price[2], price[3], max(1, round(trades * typical * noise)))

    def price_at(self, slot: int) -> float:
        """The price of the path at a slot, rounded to a cent like a quoted price."""
        return round(self.base_price * math.exp(self._log_offset(slot)), 2)

    def _log_offset(self, slot: int) -> float:
        """The path's log-price offset from the base price at `slot` (Lévy bisection)."""
        segment, target = divmod(slot, _SEGMENT_SLOTS)
        path = self._descent_in(segment)
        # Climb to the deepest known span holding the target (the root always does), so
        # consecutive slots reuse all but a couple of midpoints.
        while not path[-1].lo <= target < path[-1].hi:
            path.pop()
        lo, hi, value_lo, value_hi = path[-1]
        while target != lo:
            mid = (lo + hi) // 2
            # A Brownian bridge over n slots has variance n/4 at its midpoint.
            spread = SIGMA_PER_SLOT * math.sqrt(hi - lo) / 2
            value_mid = (value_lo + value_hi) / 2 + spread * self._normal(b"m", segment, mid)
            if target < mid:
                hi, value_hi = mid, value_mid
            else:
                lo, value_lo = mid, value_mid
            path.append(_Span(lo, hi, value_lo, value_hi))
        return value_lo

    def _descent_in(self, segment: int) -> list[_Span]:
        """The spans of the last bisection, restarted at the root for a new segment."""
        if self._segment != segment:
            self._segment = segment
            self._path = [_Span(0, _SEGMENT_SLOTS, self._anchor(segment), self._anchor(segment + 1))]
        return self._path

    def _anchor(self, segment: int) -> float:
        return _ANCHOR_SIGMA * self._normal(b"a", segment, 0)

    def _normal(self, tag: bytes, a: int, b: int) -> float:
        return _NORMAL.inv_cdf(self._uniforms(tag, a, b)[0])

    def _uniforms(self, tag: bytes, a: int, b: int) -> tuple[float, float, float]:
        """Three uniforms in (0, 1), a pure function of (symbol, tag, a, b)."""
        hasher = self._seed.copy()
        hasher.update(tag + struct.pack(">qq", a, b))
        digest = hasher.digest()
        return _unit(digest[0:8]), _unit(digest[8:16]), _unit(digest[16:24])


def _unit(chunk: bytes) -> float:
    """53 random bits -> a float strictly inside (0, 1), so inv_cdf never sees 0 or 1."""
    return ((int.from_bytes(chunk, "big") >> 11) + 0.5) / 2**53


def _trade_size(uniform: float) -> int:
    """Log-normal share counts: median about 100, a long tail of block trades."""
    return max(1, round(math.exp(4.6 + 1.1 * _NORMAL.inv_cdf(uniform))))
