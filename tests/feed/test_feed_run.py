"""DemoFeed.run: publishes step() results through the callback on a schedule, stops cleanly."""

import asyncio
import gc
import logging
import time
import warnings
from itertools import pairwise

import pytest

from app.feed.demo import DemoFeed
from generated.models import Bar

from .helpers import seconds

T0 = seconds("2024-06-10T10:00:00")


class TickingClock:
    """Market time moves a quarter second per reading, whatever the wall clock does."""

    def __init__(self) -> None:
        self.now = T0
        self.readings: list[float] = []

    def __call__(self) -> float:
        self.readings.append(time.monotonic())
        self.now += 0.25
        return self.now


async def _cancel(task: "asyncio.Task[None]") -> None:
    """Cancel run() and check that it ends promptly as cancelled (not swallowing the cancel)."""
    task.cancel()
    await asyncio.wait({task}, timeout=2)
    assert task.cancelled()


async def test_run_publishes_exactly_what_step_returns() -> None:
    published: list[tuple[str, Bar]] = []
    enough = asyncio.Event()

    async def publish(topic: str, bar: Bar) -> None:
        published.append((topic, bar))
        if len(published) >= 30:
            enough.set()

    feed, twin = DemoFeed(publish, interval=0.001, clock=TickingClock()), DemoFeed(publish, clock=TickingClock())
    for each in (feed, twin):
        each.watch("AAPL", "1")
        each.watch("AAPL", "5")
    task = asyncio.create_task(feed.run())
    await asyncio.wait_for(enough.wait(), timeout=5)
    await _cancel(task)

    expected: list[tuple[str, Bar]] = []
    while len(expected) < len(published):
        expected += twin.step()
    assert published == expected[: len(published)]
    assert {topic for topic, _ in published} == {"bars:AAPL:1", "bars:AAPL:5"}


async def test_run_steps_once_per_interval() -> None:
    clock = TickingClock()
    feed = DemoFeed(_ignore, interval=0.05, clock=clock)
    feed.watch("AAPL", "1")
    task = asyncio.create_task(feed.run())
    await asyncio.sleep(0.32)
    await _cancel(task)
    steps = clock.readings[1:]  # the first reading was watch()
    assert 4 <= len(steps) <= 9  # 7 on time: at 0, 0.05, ..., 0.30 s
    gaps = [b - a for a, b in pairwise(steps)]
    assert min(gaps) > 0.03


async def test_by_default_the_forming_bar_updates_a_few_times_per_second() -> None:
    published: list[str] = []
    steps: list[float] = []
    symbols = ["AAPL", "MSFT", "TSLA", "BTC-USD", "EURUSD"]

    async def publish(topic: str, bar: Bar) -> None:
        published.append(topic)

    def clock() -> float:
        steps.append(time.monotonic())
        return time.time()

    feed = DemoFeed(publish, clock=clock)  # real time, default interval
    for symbol in symbols:
        feed.watch(symbol, "1")
    del steps[:]
    task = asyncio.create_task(feed.run())
    await asyncio.sleep(0.4)
    await _cancel(task)
    # Steps at 0 and 0.25 s (the next is due at 0.5 s); the second carries a quarter second
    # of trades of five symbols, which is never empty.
    assert len(steps) == 2
    assert published
    assert set(published) <= {f"bars:{symbol}:1" for symbol in symbols}


async def test_a_failing_publish_is_logged_and_the_loop_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    delivered: list[str] = []
    more = asyncio.Event()

    async def publish(topic: str, bar: Bar) -> None:
        if not delivered and not caplog.records:
            raise RuntimeError("subscriber hub is down")
        delivered.append(topic)
        if len(delivered) >= 5:
            more.set()

    feed = DemoFeed(publish, interval=0.001, clock=TickingClock())
    feed.watch("AAPL", "1")
    with caplog.at_level(logging.ERROR, logger="app.feed.demo"):
        task = asyncio.create_task(feed.run())
        await asyncio.wait_for(more.wait(), timeout=5)
        await _cancel(task)
    [record] = caplog.records
    assert "bars:AAPL:1" in record.getMessage()
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], RuntimeError)


@pytest.mark.parametrize("where", ["while publishing", "while sleeping"])
async def test_cancelling_is_clean(where: str, caplog: pytest.LogCaptureFixture) -> None:
    entered = asyncio.Event()

    async def publish(topic: str, bar: Bar) -> None:
        entered.set()
        if where == "while publishing":
            await asyncio.Event().wait()  # a subscriber that never drains

    feed = DemoFeed(publish, interval=60, clock=TickingClock())
    feed.watch("AAPL", "1")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        task = asyncio.create_task(feed.run())
        await asyncio.wait_for(entered.wait(), timeout=5)
        await asyncio.sleep(0.01)
        await _cancel(task)
        gc.collect()
    assert caught == []
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def _ignore(topic: str, bar: Bar) -> None:
    """A publish callback that drops everything."""
