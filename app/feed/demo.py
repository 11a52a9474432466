"""The demo feed: a simulated market for every running symbol, published like real data.

The watcher (app/feed/watcher.py) calls `start(symbol)` when a topic of the symbol, of any of
its families, gets its first subscriber, and `stop(symbol)` when the symbol's last topic loses
its last one. Every `interval`, `run` steps each running symbol's market (app/feed/market.py) to
the clock and publishes, through the same callback real data uses, in this order:

1. `orderbook:{S}` (the order book's source): one `BookChanges` with the levels the step
   changed, absolute sizes, `"0"` for a level that went;
2. `trades:{S}`: one `Trades` with the step's trades, if it had any;
3. `quotes:{S}`: the top of the book after the step, if it changed;
4. `bars:{S}:{R}` for each resolution: the bars the step's trades touched, the exact aggregate
   of the trades (app/feed/aggregate.py).

All families of a running symbol are published, whichever of them subscribers hold: behind
Redis the worker running the symbol publishes for every worker's clients.

The server keeps a book from the changes it was sent, so the feed keeps it right: a symbol's
first book message after a start also removes every other price near the book (what a worker
that died while running it may have left), and a symbol that stops publishes the removal of its
levels (`stop`, `finish`), leaving no book behind that would be stale when it starts again.
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from app.pubsub.publisher import Draining
from generated.families import ORDERBOOK
from generated.models import RESOLUTION_VALUES, Bar, BookChanges, Quote, Resolution, Trades
from generated.models import Trade as TradeModel
from generated.protocol import bars_topic, quotes_topic, trades_topic

from .aggregate import SymbolBars
from .backfill import backfill
from .book import Book, Top, changed_levels, removals
from .market import Market, Trade

logger = logging.getLogger(__name__)

FAMILIES = frozenset({"bars", "quotes", "trades", "orderbook"})
"""The channel families whose topics the demo market makes."""

MAX_CATCHUP_MS = 5 * 60_000
"""After a stall (a suspended laptop, a jump of the clock) only this much is replayed, so a
step never blocks the event loop generating hours of trades. All resolutions skip alike."""

BACKFILL_RATE, BACKFILL_BURST = 4.0, 16
"""Bars topics a second whose history is sketched (≈50 ms of CPU each): a client subscribing
to symbol after symbol must not buy the server's CPU that way."""
BACKFILL_RESERVE = 8
"""Sketches the bucket keeps for topics subscribed here: the others' are drawn in the
background, one a step at most, only while more than this many are left."""
BACKFILL_GRACE = 10.0
"""Seconds a bars topic waits for its history before its bars go live without one."""
BOOK_BAND = 100
"""Ticks beyond the book on either side whose levels a symbol's first book message removes."""
MAX_TRADES = 1000
"""Trades per `Trades` message (the schema's maxItems)."""

Publish = Callable[[str, Sequence[BaseModel]], Awaitable[object]]
Archive = Callable[[str, list[Bar]], None]
Message = tuple[str, list[BaseModel]]
"""A topic and the payloads of one publish to it."""


def book_topic(symbol: str) -> str:
    """The order book's source topic, where the whole book's changes go: `orderbook:AAPL`."""
    assert ORDERBOOK.source is not None
    return ORDERBOOK.source.template.format(symbol=symbol)


class _Ration:
    """A token bucket that can keep some tokens back."""

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self._rate, self._burst = rate, burst
        self._tokens, self._at = burst, now

    def take(self, now: float, keep: float = 0.0) -> bool:
        self._tokens = min(self._burst, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens < 1.0 + keep:
            return False
        self._tokens -= 1.0
        return True


@dataclass(eq=False)
class _Running:
    """One running symbol: its market, its bars, and what its subscribers were last sent."""

    symbol: str
    market: Market
    cursor_ms: int
    """Trades before this instant have been published."""
    started: float
    """When it started (monotonic seconds), for BACKFILL_GRACE."""
    waiting: list[Resolution]
    """Resolutions whose history is not yet sketched: their bars are not yet published."""
    bars: SymbolBars = field(default_factory=SymbolBars)
    bids: dict[int, int] = field(default_factory=dict)
    asks: dict[int, int] = field(default_factory=dict)
    """The book as last published: price in ticks -> size."""
    resync: bool = True
    """The next book message replaces whatever the server holds (a start, or a failed publish)."""
    top: Top | None = None
    fresh: set[Resolution] = field(default_factory=set)
    """Resolutions that just got their history: their current bar is due at the next step."""


class DemoFeed:
    """A built-in synthetic market, deterministic per symbol; see the module docstring."""

    families = FAMILIES

    def __init__(
        self,
        publish: Publish,
        *,
        interval: float = 0.25,
        clock: Callable[[], float] = time.time,
        archive: Archive | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """`publish(topic, payloads)` publishes like `app.state.publisher.publish`; `archive(topic,
        bars)`, if given, receives the bars before a bars topic's first live one
        (app/feed/backfill.py), oldest first, for the history only."""
        self._publish = publish
        self._interval = interval
        self._clock = clock
        self._archive = archive
        self._monotonic = monotonic
        self._ration = _Ration(BACKFILL_RATE, BACKFILL_BURST, monotonic())
        self._symbols: dict[str, _Running] = {}
        self._clears: list[Message] = []

    @property
    def symbols(self) -> frozenset[str]:
        """The symbols currently running."""
        return frozenset(self._symbols)

    def start(self, symbol: str) -> None:
        """Start simulating `symbol` (all its families); starting it again changes nothing."""
        if symbol not in self._symbols:
            waiting = list(RESOLUTION_VALUES) if self._archive is not None else []
            cursor = _to_ms(self._clock())
            self._symbols[symbol] = _Running(symbol, Market(symbol), cursor, self._monotonic(), waiting)

    def stop(self, symbol: str, *, clear: bool = True) -> None:
        """Stop simulating `symbol`. With `clear`, the removal of its book's levels is published
        before the next step; without (another worker runs it now), nothing more is."""
        running = self._symbols.pop(symbol, None)
        if running is not None and clear and (running.bids or running.asks):
            changes = BookChanges(
                time=running.cursor_ms,
                bids=removals(running.bids, descending=True),
                asks=removals(running.asks, descending=False),
            )
            self._clears.append((book_topic(symbol), [changes]))

    async def finish(self, symbol: str) -> None:
        """`stop(symbol)`, and return once its book's removal is published (behind Redis, before
        the worker gives up the symbol's lease to one that will publish a book of its own)."""
        self.stop(symbol)
        await self.flush()

    async def flush(self) -> None:
        """Publish the book removals `stop` queued (run does before each step)."""
        while self._clears:
            topic, payloads = self._clears.pop(0)
            await self._publish_safely(None, topic, payloads)

    def held(self, symbol: str, topic: str) -> None:
        """A topic of running `symbol` got its first subscriber here: if it is a bars topic still
        waiting for its history, sketch it now (before the subscribe reply; rationed: beyond the
        ration the topic goes live without one)."""
        running = self._symbols.get(symbol)
        if running is None:
            return
        for resolution in running.waiting:
            if bars_topic(symbol, resolution) == topic:
                self._backfill(running, resolution, self._ration.take(self._monotonic()))
                return

    def step(self, now: float | None = None) -> list[Message]:
        """Advance every running market to `now` (seconds; default: the clock). Returns what to
        publish, in order; no I/O."""
        return [(topic, payloads) for _, topic, payloads in self._step(now)]

    async def run(self) -> None:
        """Step every `interval` seconds and publish the messages, until cancelled."""
        loop = asyncio.get_running_loop()
        deadline = loop.time()
        while True:
            await self.flush()
            steps: dict[_Running, list[Message]] = {}
            for running, topic, payloads in self._step(None):
                steps.setdefault(running, []).append((topic, payloads))
            # Each symbol's messages in order, the symbols side by side: behind Redis a step costs
            # a symbol's round trips, not every symbol's.
            await asyncio.gather(*(self._publish_step(running, messages) for running, messages in steps.items()))
            # A fixed schedule rather than sleep(interval) after the work, so it does not drift.
            deadline = max(deadline + self._interval, loop.time())
            await asyncio.sleep(deadline - loop.time())

    # ---- inside -----------------------------------------------------------------------------

    def _step(self, now: float | None) -> list[tuple[_Running, str, list[BaseModel]]]:
        now_ms = _to_ms(self._clock() if now is None else now)
        self._backfill_in_background()
        return [
            (running, topic, payloads)
            for running in self._symbols.values()
            for topic, payloads in _advance(running, now_ms)
        ]

    def _backfill_in_background(self) -> None:
        """At most one sketch a step, for the symbol that started first, while the ration has
        more than its reserve; a topic that waited BACKFILL_GRACE goes live without one."""
        now = self._monotonic()
        sketched = False
        for running in self._symbols.values():
            if not running.waiting:
                continue
            if now - running.started >= BACKFILL_GRACE:
                for resolution in list(running.waiting):
                    self._backfill(running, resolution, False)
            elif not sketched and self._ration.take(now, keep=BACKFILL_RESERVE):
                self._backfill(running, running.waiting[0], True)
                sketched = True

    def _backfill(self, running: _Running, resolution: Resolution, sketch: bool) -> None:
        """Put the topic's history in place (if `sketch`) and let its bars go live."""
        running.waiting.remove(resolution)
        running.fresh.add(resolution)
        if sketch and self._archive is not None:
            bars = backfill(running.market, resolution, running.cursor_ms)
            self._archive(bars_topic(running.symbol, resolution), bars)

    async def _publish_step(self, running: _Running, messages: list[Message]) -> None:
        for topic, payloads in messages:
            if self._symbols.get(running.symbol) is not running:  # stopped meanwhile: not a word more
                return
            await self._publish_safely(running, topic, payloads)

    async def _publish_safely(self, running: _Running | None, topic: str, payloads: list[BaseModel]) -> None:
        """One failing publish must not stop the demo market for everybody."""
        try:
            await self._publish(topic, payloads)
        except Draining:
            logger.debug("demo feed: the server is stopping; %s not published", topic)
        except Exception:
            logger.exception("demo feed: publishing to %s failed", topic)
            if running is not None and topic == book_topic(running.symbol):
                running.resync = True  # the server's book may have missed it: send it whole


def _advance(running: _Running, now_ms: int) -> list[Message]:
    """Step one symbol's market to `now_ms`: its messages, in publication order."""
    symbol, market = running.symbol, running.market
    at = max(now_ms, running.cursor_ms)  # a clock that goes back does not take the market back
    trades = market.trades(max(running.cursor_ms, at - MAX_CATCHUP_MS), at)
    running.cursor_ms = at
    book = market.book_at(at)
    messages: list[Message] = []
    if (changes := _book_changes(running, book, at)) is not None:
        messages.append((book_topic(symbol), [changes]))
    if trades:
        messages.append((trades_topic(symbol), _trades_messages(trades)))
    top = book.top()
    if top != running.top:
        running.top = top
        messages.append((quotes_topic(symbol), [Quote(time=at, **top._asdict())]))
    touched = running.bars.fold(trades)
    for resolution in RESOLUTION_VALUES:
        if resolution in running.waiting:
            continue
        bars = touched.get(resolution, [])
        if not bars and resolution in running.fresh:
            current = running.bars.current(resolution)
            bars = [] if current is None else [current]
        if bars:
            messages.append((bars_topic(symbol, resolution), list(bars)))
    running.fresh.clear()
    return messages


def _book_changes(running: _Running, book: Book, at: int) -> BookChanges | None:
    """The levels that changed since the book last published, or the whole book (and the removal
    of every other price within BOOK_BAND) when the server's book cannot be trusted."""
    bids, asks = dict(book.bids), dict(book.asks)
    before_bids, before_asks = running.bids, running.asks
    if running.resync:  # trust nothing: send every level, and "0" at every other price near or sent
        band = range(max(1, book.bids[-1][0] - BOOK_BAND), book.asks[-1][0] + BOOK_BAND + 1)
        before_bids = {price: 0 for price in {*band, *before_bids} if price not in bids}
        before_asks = {price: 0 for price in {*band, *before_asks} if price not in asks}
        running.resync = False
    changed_bids = changed_levels(before_bids, bids, descending=True)
    changed_asks = changed_levels(before_asks, asks, descending=False)
    running.bids, running.asks = bids, asks
    if not changed_bids and not changed_asks:
        return None
    return BookChanges(time=at, bids=changed_bids, asks=changed_asks)


def _trades_messages(trades: list[Trade]) -> list[BaseModel]:
    models = [TradeModel(**trade._asdict()) for trade in trades]
    return [Trades(trades=models[i : i + MAX_TRADES]) for i in range(0, len(models), MAX_TRADES)]


def _to_ms(seconds: float) -> int:
    return int(seconds * 1000)
