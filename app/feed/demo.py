"""The demo feed: a synthetic market for every watched topic, published like real data.

The service calls `watch` when a topic gets its first subscriber and `unwatch` when it loses
its last one; `run` then publishes bar updates through the same callback real data uses.
A symbol's market starts when its first topic is watched and keeps all eight resolutions,
so a resolution watched later still agrees with the others; only watched topics publish.
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from app.transport.rate_limit import TokenBucket
from generated.models import RESOLUTION_VALUES, Bar, Resolution
from generated.protocol import bars_topic

from .aggregate import SymbolBars
from .backfill import backfill
from .market import Market

logger = logging.getLogger(__name__)

MAX_CATCHUP_MS = 5 * 60_000
"""After a stall (a suspended laptop, a jump of the clock) only this much is replayed, so a
step never blocks the event loop generating hours of trades. All resolutions skip alike."""

BACKFILL_RATE, BACKFILL_BURST = 4.0, 16
"""Topics a second whose history is sketched when first watched (≈50 ms of CPU each): a
client subscribing to symbol after symbol must not buy the server's CPU that way."""

Publish = Callable[[str, Bar], Awaitable[object]]
Archive = Callable[[str, list[Bar]], None]


@dataclass
class _Watched:
    """One symbol's market, its bars, and which resolutions subscribers hold."""

    market: Market
    cursor_ms: int
    """Trades before this instant have been folded."""
    bars: SymbolBars = field(default_factory=SymbolBars)
    resolutions: set[Resolution] = field(default_factory=set)
    newly_watched: set[Resolution] = field(default_factory=set)
    """Resolutions whose current bar is due even if no trade touches it in the next step."""


class DemoFeed:
    """A built-in synthetic market, deterministic per symbol; see the module docstring."""

    family = "bars"

    def __init__(
        self,
        publish: Publish,
        *,
        interval: float = 0.25,
        clock: Callable[[], float] = time.time,
        archive: Archive | None = None,
    ) -> None:
        """`archive(topic, bars)`, if given, receives the bars before a topic's first watch
        (app/feed/backfill.py), oldest first, for the history only."""
        self._publish = publish
        self._interval = interval
        self._clock = clock
        self._archive = archive
        self._backfills = TokenBucket(BACKFILL_RATE, BACKFILL_BURST, time.monotonic())
        self._symbols: dict[str, _Watched] = {}

    @property
    def topics(self) -> frozenset[str]:
        """The topics currently watched."""
        return frozenset(
            bars_topic(symbol, resolution)
            for symbol, watched in self._symbols.items()
            for resolution in watched.resolutions
        )

    def watch(self, symbol: str, resolution: str) -> None:
        """Start publishing `bars:{symbol}:{resolution}`; watching it again changes nothing."""
        checked = _resolution(resolution)
        watched = self._symbols.get(symbol)
        if watched is None:
            watched = _Watched(Market(symbol), cursor_ms=_to_ms(self._clock()))
            self._symbols[symbol] = watched
        if checked not in watched.resolutions:
            watched.resolutions.add(checked)
            watched.newly_watched.add(checked)
            if self._archive is not None and self._backfills.take(time.monotonic()):
                self._archive(bars_topic(symbol, checked), backfill(watched.market, checked, watched.cursor_ms))

    def unwatch(self, symbol: str, resolution: str) -> None:
        """Stop publishing a topic; a symbol left with no watched resolution is dropped."""
        checked = _resolution(resolution)
        watched = self._symbols.get(symbol)
        if watched is None:
            return
        watched.resolutions.discard(checked)
        watched.newly_watched.discard(checked)
        if not watched.resolutions:
            del self._symbols[symbol]

    def step(self, now: float | None = None) -> list[tuple[str, Bar]]:
        """Advance every watched market to `now` (seconds; default: the clock).

        Returns the (topic, bar) updates of watched topics in publication order; no I/O.
        """
        now_ms = _to_ms(self._clock() if now is None else now)
        updates: list[tuple[str, Bar]] = []
        for symbol, watched in self._symbols.items():
            updates.extend(_advance(symbol, watched, now_ms))
        return updates

    async def run(self) -> None:
        """Step every `interval` seconds and publish the updates, until cancelled."""
        loop = asyncio.get_running_loop()
        deadline = loop.time()
        while True:
            for topic, bar in self.step():
                await self._publish_safely(topic, bar)
            # A fixed schedule rather than sleep(interval) after the work, so it does not drift.
            deadline = max(deadline + self._interval, loop.time())
            await asyncio.sleep(deadline - loop.time())

    async def _publish_safely(self, topic: str, bar: Bar) -> None:
        """One failing publish must not stop the demo market for everybody."""
        try:
            await self._publish(topic, bar)
        except Exception:
            logger.exception("demo feed: publishing to %s failed", topic)


def _advance(symbol: str, watched: _Watched, now_ms: int) -> list[tuple[str, Bar]]:
    """Fold a symbol's trades up to `now_ms` and list the updates of its watched topics."""
    start_ms = max(watched.cursor_ms, now_ms - MAX_CATCHUP_MS)
    touched = watched.bars.fold(watched.market.trades(start_ms, now_ms))
    watched.cursor_ms = max(watched.cursor_ms, now_ms)
    updates: list[tuple[str, Bar]] = []
    for resolution in RESOLUTION_VALUES:
        if resolution not in watched.resolutions:
            continue
        bars = touched.get(resolution, [])
        if not bars and resolution in watched.newly_watched:
            current = watched.bars.current(resolution)
            bars = [] if current is None else [current]
        topic = bars_topic(symbol, resolution)
        updates.extend((topic, bar) for bar in bars)
    watched.newly_watched.clear()
    return updates


def _resolution(value: str) -> Resolution:
    for resolution in RESOLUTION_VALUES:
        if resolution == value:
            return resolution
    raise ValueError(f"unknown resolution {value!r}; expected one of {', '.join(RESOLUTION_VALUES)}")


def _to_ms(seconds: float) -> int:
    return int(seconds * 1000)
