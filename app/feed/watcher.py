"""Wires the demo market (app/feed/demo.py) to the hub and the publisher.

A topic's first subscriber starts the feed of that topic and the last one leaving stops it; the
feed publishes through the app's publisher, the same path as real data, and only topics of the
family it makes (bars) concern it. Behind a broker each topic's feed runs in one worker only:
the one holding the topic's lease in Redis (renewed while it has subscribers, taken over by
another worker within `LEASE_MS` if its holder dies), so every message is published once and
every worker's clients see the same bars.
"""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Protocol

from app.pubsub.families import InvalidTopic, resolve
from app.pubsub.hub import Hub

log = logging.getLogger(__name__)

LEASE_MS = 3000
"""How long a worker's lease on a topic's feed lasts unless renewed (every third of it)."""


class Feed(Protocol):
    family: str
    """The channel family whose topics the feed makes."""

    def watch(self, symbol: str, resolution: str) -> None: ...
    def unwatch(self, symbol: str, resolution: str) -> None: ...
    async def run(self) -> None: ...


class Leases(Protocol):
    async def lease(self, topics: list[str], owner: str, ttl_ms: int) -> list[bool]: ...
    async def release(self, topics: list[str], owner: str) -> None: ...


def feed_params(feed: Feed, topic: str) -> tuple[str, str] | None:
    """(symbol, resolution) of a topic the feed makes, else None."""
    try:
        family, params = resolve(topic)
    except InvalidTopic:
        return None
    return (params["symbol"], params["resolution"]) if family.name == feed.family else None


class FeedWatcher:
    """The hub's topic watcher that starts and stops the feed's topics (one process)."""

    def __init__(self, feed: Feed) -> None:
        self._feed = feed

    def topic_opened(self, topic: str) -> None:
        if (params := feed_params(self._feed, topic)) is not None:
            self._feed.watch(*params)

    def topic_closed(self, topic: str) -> None:
        if (params := feed_params(self._feed, topic)) is not None:
            self._feed.unwatch(*params)


class LeasedWatcher:
    """Behind a broker: the feed runs a topic while this worker's clients hold it and this
    worker holds its lease."""

    def __init__(self, feed: Feed, leases: Leases) -> None:
        self._feed, self._leases = feed, leases
        self._owner = uuid.uuid4().hex
        self._wanted: dict[str, tuple[str, str]] = {}
        self._running: set[str] = set()
        self._wake = asyncio.Event()

    def topic_opened(self, topic: str) -> None:
        if (params := feed_params(self._feed, topic)) is not None:
            self._wanted[topic] = params
            self._wake.set()

    def topic_closed(self, topic: str) -> None:
        if self._wanted.pop(topic, None) is not None:
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
        released = self._running - set(self._wanted)
        self._stop(released)
        if released:
            await self._leases.release(sorted(released), self._owner)
        topics = sorted(self._wanted)
        held = {
            t for t, mine in zip(topics, await self._leases.lease(topics, self._owner, LEASE_MS), strict=True) if mine
        }
        self._stop(self._running - held)
        for topic in sorted(held - self._running):
            if topic in self._wanted:
                self._running.add(topic)
                self._feed.watch(*self._wanted[topic])

    def _stop(self, topics: set[str]) -> None:
        for topic in topics & self._running:
            self._running.discard(topic)
            if (params := feed_params(self._feed, topic)) is not None:
                self._feed.unwatch(*params)


@contextlib.asynccontextmanager
async def running_feed(hub: Hub, feed: Feed, leases: Leases | None = None) -> AsyncIterator[None]:
    """Run `feed` for the app's lifetime (leased per topic when `leases` is given); its tasks
    are cancelled and awaited on the way out."""
    tasks = [asyncio.create_task(feed.run(), name="demo-feed")]
    if leases is None:
        hub.add_watcher(FeedWatcher(feed))
    else:
        watcher = LeasedWatcher(feed, leases)
        hub.add_watcher(watcher)
        tasks.append(asyncio.create_task(watcher.run(), name="demo-feed-leases"))
    for task in tasks:
        task.add_done_callback(_report_crash)
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):  # a crash was already logged
            await asyncio.gather(*tasks)


def _report_crash(task: "asyncio.Task[None]") -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("%s stopped", task.get_name(), exc_info=task.exception())
