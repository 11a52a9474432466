"""Wires the demo market (app/feed/demo.py) to the hub, the publisher and the subscribe path.

The feed runs per symbol: while a client of this process holds any topic of a symbol in one of
the feed's families (`bars:AAPL:5`, `quotes:AAPL`, `trades:AAPL`, `orderbook:AAPL:10`), the
symbol's market runs and publishes all of them, through the app's publisher, the same path as
real data. Topics map to symbols by the generated family table.

At most `max_symbols` symbols at once (WS_DEMO_MAX_SYMBOLS): the watcher is also the subscribe
path's guard (`StreamHandlers.add_guard`), which refuses a demo topic of one more symbol with
code `capacity`; topics of running symbols, and of other families, always pass.

Behind a broker each symbol runs in one worker only: the one holding the symbol's lease in Redis
(`demo:AAPL` as the lease's name: `trading-ws:{demo:AAPL}:lease`; renewed while its clients
hold topics of the symbol, taken over by another worker within `LEASE_MS` if its holder dies),
so every message is published once and every worker's clients see the same market.
"""

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Protocol

from app.pubsub.families import InvalidTopic, resolve
from app.pubsub.hub import Hub

log = logging.getLogger(__name__)

LEASE_MS = 3000
"""How long a worker's lease on a symbol's market lasts unless renewed (every third of it)."""
RESERVATION_S = 5.0
"""How long a symbol the guard let through counts against the cap before its topic is held (a
subscribe checks every topic of a request before it joins any of them)."""


class Feed(Protocol):
    families: frozenset[str]
    """The channel families whose topics the feed makes."""

    def start(self, symbol: str) -> None: ...
    def stop(self, symbol: str, *, clear: bool = True) -> None: ...
    async def finish(self, symbol: str) -> None: ...
    def held(self, symbol: str, topic: str) -> None: ...
    async def run(self) -> None: ...


class Leases(Protocol):
    async def lease(self, topics: list[str], owner: str, ttl_ms: int) -> list[bool]: ...
    async def release(self, topics: list[str], owner: str) -> None: ...


def lease_name(symbol: str) -> str:
    """What a symbol's lease is named in the broker's lease calls (`demo:AAPL`)."""
    return f"demo:{symbol}"


class Demand:
    """Which symbols this process's clients hold topics of, and the cap on them."""

    def __init__(self, families: frozenset[str], max_symbols: int, clock: Callable[[], float] = time.monotonic):
        self._families, self._max = families, max_symbols
        self._clock = clock
        self._topics: dict[str, set[str]] = {}  # symbol -> its held topics
        self._reserved: dict[str, float] = {}  # symbol -> until when it counts without a topic

    @property
    def symbols(self) -> frozenset[str]:
        return frozenset(self._topics)

    def symbol_of(self, topic: str) -> str | None:
        """The symbol of a topic of the feed's families, else None."""
        try:
            family, params = resolve(topic)
        except InvalidTopic:
            return None
        return params.get("symbol") if family.name in self._families else None

    def opened(self, topic: str) -> tuple[str | None, bool]:
        """(the topic's symbol, whether it is newly wanted)."""
        symbol = self.symbol_of(topic)
        if symbol is None:
            return None, False
        self._reserved.pop(symbol, None)
        topics = self._topics.setdefault(symbol, set())
        topics.add(topic)
        return symbol, len(topics) == 1

    def closed(self, topic: str) -> str | None:
        """The topic's symbol if nothing of it is held any more, else None."""
        symbol = self.symbol_of(topic)
        topics = self._topics.get(symbol) if symbol is not None else None
        if symbol is None or topics is None:
            return None
        topics.discard(topic)
        if topics:
            return None
        del self._topics[symbol]
        return symbol

    def topics_of(self, symbol: str) -> frozenset[str]:
        return frozenset(self._topics.get(symbol, ()))

    def refusal(self, topic: str) -> str | None:
        """Why nobody may start holding `topic` now (the cap), or None. A symbol let through is
        reserved for RESERVATION_S, so that one request of many new symbols cannot pass the cap."""
        symbol = self.symbol_of(topic)
        if symbol is None or symbol in self._topics:
            return None
        now = self._clock()
        self._reserved = {s: until for s, until in self._reserved.items() if until > now}
        if symbol not in self._reserved and len(self._topics) + len(self._reserved) >= self._max:
            return (
                f"the demo market simulates at most {self._max} symbols at once and they are all taken; "
                f"try {symbol} again later"
            )
        self._reserved[symbol] = now + RESERVATION_S
        return None


class FeedWatcher:
    """The hub's topic watcher that starts and stops the feed's symbols (one process), and the
    subscribe path's guard."""

    def __init__(self, feed: Feed, max_symbols: int) -> None:
        self._feed = feed
        self._demand = Demand(feed.families, max_symbols)

    def refusal(self, topic: str) -> str | None:
        return self._demand.refusal(topic)

    def topic_opened(self, topic: str) -> None:
        symbol, new = self._demand.opened(topic)
        if symbol is not None:
            if new:
                self._feed.start(symbol)
            self._feed.held(symbol, topic)

    def topic_closed(self, topic: str) -> None:
        if (symbol := self._demand.closed(topic)) is not None:
            self._feed.stop(symbol)


class LeasedWatcher:
    """Behind a broker: the feed runs a symbol while this worker's clients hold a topic of it and
    this worker holds its lease; the subscribe path's guard too."""

    def __init__(self, feed: Feed, leases: Leases, max_symbols: int) -> None:
        self._feed, self._leases = feed, leases
        self._demand = Demand(feed.families, max_symbols)
        self._owner = uuid.uuid4().hex
        self._running: set[str] = set()
        self._wake = asyncio.Event()

    def refusal(self, topic: str) -> str | None:
        return self._demand.refusal(topic)

    def topic_opened(self, topic: str) -> None:
        symbol, new = self._demand.opened(topic)
        if symbol in self._running:
            self._feed.held(symbol, topic)
        elif new:
            self._wake.set()

    def topic_closed(self, topic: str) -> None:
        if self._demand.closed(topic) is not None:
            self._wake.set()

    async def run(self) -> None:
        """Take, keep and give back leases until cancelled; the feed follows what is held."""
        try:
            while True:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(LEASE_MS / 3000):
                        await self._wake.wait()
                self._wake.clear()
                try:
                    await self._renew()
                except Exception as exc:  # Redis down: leases lapse, the feed stops with them
                    log.debug("demo feed leases: %s", exc)
                    self._stop(set(self._running))
        finally:
            self._stop(set(self._running))

    async def _renew(self) -> None:
        wanted = self._demand.symbols
        released = sorted(self._running - wanted)
        for symbol in released:
            self._running.discard(symbol)
            # Its book's removal goes out before another worker may take the lease and publish
            # a book of its own.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(LEASE_MS / 1000):
                    await self._feed.finish(symbol)
        if released:
            await self._leases.release([lease_name(s) for s in released], self._owner)
        symbols = sorted(self._demand.symbols)  # as it is now, after the awaits
        leased = await self._leases.lease([lease_name(s) for s in symbols], self._owner, LEASE_MS)
        held = {symbol for symbol, mine in zip(symbols, leased, strict=True) if mine}
        self._stop(self._running - held)
        for symbol in sorted(held - self._running):
            if symbol in self._demand.symbols:  # still wanted after the await
                self._running.add(symbol)
                self._feed.start(symbol)
                for topic in sorted(self._demand.topics_of(symbol)):
                    self._feed.held(symbol, topic)

    def _stop(self, symbols: set[str]) -> None:
        """Another worker runs these now (or nobody can reach Redis): stop without a word."""
        for symbol in symbols & self._running:
            self._running.discard(symbol)
            self._feed.stop(symbol, clear=False)


Watcher = FeedWatcher | LeasedWatcher


@contextlib.asynccontextmanager
async def running_feed(
    hub: Hub, feed: Feed, leases: Leases | None = None, max_symbols: int = 50
) -> AsyncIterator[Watcher]:
    """Run `feed` for the app's lifetime (leased per symbol when `leases` is given); yields the
    watcher, the guard to register with `StreamHandlers.add_guard`. Its tasks are cancelled and
    awaited on the way out."""
    tasks = [asyncio.create_task(feed.run(), name="demo-feed")]
    watcher: Watcher
    if leases is None:
        watcher = FeedWatcher(feed, max_symbols)
    else:
        watcher = LeasedWatcher(feed, leases, max_symbols)
        tasks.append(asyncio.create_task(watcher.run(), name="demo-feed-leases"))
    hub.add_watcher(watcher)
    for task in tasks:
        task.add_done_callback(_report_crash)
    try:
        yield watcher
    finally:
        for task in tasks:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):  # a crash was already logged
            await asyncio.gather(*tasks)


def _report_crash(task: "asyncio.Task[None]") -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("%s stopped", task.get_name(), exc_info=task.exception())
