"""Wires the demo market (app.feed.demo.DemoFeed) to the hub.

A topic's first subscriber starts its demo bars and the last one leaving stops them; the feed
publishes through `hub.publish`, the same path as real data.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Protocol

from app.pubsub.hub import Hub

log = logging.getLogger(__name__)


class Feed(Protocol):
    def watch(self, symbol: str, resolution: str) -> None: ...
    def unwatch(self, symbol: str, resolution: str) -> None: ...
    async def run(self) -> None: ...


def split_bars_topic(topic: str) -> tuple[str, str]:
    """`bars:AAPL:1` -> ("AAPL", "1"); symbols never hold `:` (see the spec's Ticker)."""
    _, symbol, resolution = topic.split(":")
    return symbol, resolution


class FeedWatcher:
    """The hub's topic watcher that starts and stops the feed's bars of a topic."""

    def __init__(self, feed: Feed) -> None:
        self._feed = feed

    def topic_opened(self, topic: str) -> None:
        self._feed.watch(*split_bars_topic(topic))

    def topic_closed(self, topic: str) -> None:
        self._feed.unwatch(*split_bars_topic(topic))


@contextlib.asynccontextmanager
async def running_feed(hub: Hub, feed: Feed) -> AsyncIterator[None]:
    """Run `feed` for the app's lifetime; its task is cancelled and awaited on the way out."""
    hub.add_watcher(FeedWatcher(feed))
    task = asyncio.create_task(feed.run(), name="demo-feed")
    task.add_done_callback(_report_crash)
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):  # a crash was already logged
            await task


def demo_feed(hub: Hub, interval: float) -> Feed:
    from app.feed.demo import DemoFeed  # loaded only when enabled

    return DemoFeed(hub.publish, interval=interval, archive=hub.archive)


def _report_crash(task: "asyncio.Task[None]") -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("demo feed stopped", exc_info=task.exception())
