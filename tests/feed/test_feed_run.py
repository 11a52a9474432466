"""DemoFeed.run: publishes step() results through the callback on a schedule, in order, keeps the
server's book right when a publish fails or a symbol stops, and stops cleanly."""

import asyncio
import gc
import logging
import time
import warnings
from collections.abc import Sequence
from itertools import pairwise

import pytest
from pydantic import BaseModel

from app.feed.demo import DemoFeed, Message
from app.feed.market import Market
from app.pubsub.publisher import Draining
from generated.models import BookChanges

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
    published: list[Message] = []
    enough = asyncio.Event()

    async def publish(topic: str, payloads: Sequence[BaseModel]) -> None:
        published.append((topic, list(payloads)))
        if len(published) >= 60:
            enough.set()

    feed, twin = DemoFeed(publish, interval=0.001, clock=TickingClock()), DemoFeed(publish, clock=TickingClock())
    for each in (feed, twin):
        each.start("AAPL")
        each.start("MSFT")
    task = asyncio.create_task(feed.run())
    await asyncio.wait_for(enough.wait(), timeout=5)
    await _cancel(task)

    expected: list[Message] = []
    while len(expected) < len(published):
        expected += twin.step()
    assert published == expected[: len(published)]
    assert {topic.split(":")[1] for topic, _ in published} == {"AAPL", "MSFT"}


async def test_run_steps_once_per_interval() -> None:
    clock = TickingClock()
    feed = DemoFeed(_ignore, interval=0.05, clock=clock)
    feed.start("AAPL")
    task = asyncio.create_task(feed.run())
    await asyncio.sleep(0.32)
    await _cancel(task)
    steps = clock.readings[1:]  # the first reading was start()
    assert 4 <= len(steps) <= 9  # 7 on time: at 0, 0.05, ..., 0.30 s
    gaps = [b - a for a, b in pairwise(steps)]
    assert min(gaps) > 0.03


async def test_by_default_the_market_moves_a_few_times_per_second() -> None:
    published: list[str] = []
    steps: list[float] = []
    symbols = ["AAPL", "MSFT", "TSLA", "BTC-USD", "EURUSD"]

    async def publish(topic: str, payloads: Sequence[BaseModel]) -> None:
        published.append(topic)

    def clock() -> float:
        steps.append(time.monotonic())
        return time.time()

    feed = DemoFeed(publish, clock=clock)  # real time, default interval
    for symbol in symbols:
        feed.start(symbol)
    del steps[:]
    task = asyncio.create_task(feed.run())
    await asyncio.sleep(0.4)
    await _cancel(task)
    # Steps at 0 and 0.25 s (the next is due at 0.5 s); the second carries a quarter second
    # of five symbols' markets, which always changes some book.
    assert len(steps) == 2
    assert {f"orderbook:{symbol}" for symbol in symbols} <= set(published)
    assert {topic.split(":")[1] for topic in published} == set(symbols)


async def test_a_failing_publish_is_logged_and_the_loop_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    delivered: list[str] = []
    more = asyncio.Event()

    async def publish(topic: str, payloads: Sequence[BaseModel]) -> None:
        if topic == "trades:AAPL" and not caplog.records:
            raise RuntimeError("subscriber hub is down")
        delivered.append(topic)
        if len(delivered) >= 30:
            more.set()

    feed = DemoFeed(publish, interval=0.001, clock=TickingClock())
    feed.start("AAPL")
    with caplog.at_level(logging.ERROR, logger="app.feed.demo"):
        task = asyncio.create_task(feed.run())
        await asyncio.wait_for(more.wait(), timeout=5)
        await _cancel(task)
    [record] = caplog.records
    assert "trades:AAPL" in record.getMessage()
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], RuntimeError)
    assert "bars:AAPL:1" in delivered and "trades:AAPL" in delivered  # the same step's bars, the next trades


async def test_after_a_failed_book_publish_the_next_one_sends_the_book_whole() -> None:
    """The server may have missed the changes: the next message makes its book right again."""
    books: list[BookChanges] = []
    failed = asyncio.Event()
    enough = asyncio.Event()
    clock = TickingClock()

    async def publish(topic: str, payloads: Sequence[BaseModel]) -> None:
        if topic != "orderbook:AAPL":
            return
        if len(books) == 3 and not failed.is_set():
            failed.set()
            raise RuntimeError("Redis is away")
        [changes] = payloads
        assert isinstance(changes, BookChanges)
        books.append(changes)
        if len(books) >= 5:
            enough.set()

    feed = DemoFeed(publish, interval=0.001, clock=clock)
    feed.start("AAPL")
    task = asyncio.create_task(feed.run())
    await asyncio.wait_for(enough.wait(), timeout=5)
    await _cancel(task)
    whole = books[3]  # the first after the failure
    book = Market("AAPL").book_at(whole.time)
    kept = [(round(float(p) * 100), int(s)) for p, s in whole.bids if s != "0"]
    assert kept == list(book.bids)
    assert len(whole.bids) > len(book.bids)  # and the band around it cleared
    assert len(books[4].bids) < 60  # then changes again


async def test_a_stopped_symbol_publishes_nothing_more_but_its_books_removal() -> None:
    published: list[str] = []
    first = asyncio.Event()
    feed: DemoFeed

    async def publish(topic: str, payloads: Sequence[BaseModel]) -> None:
        published.append(topic)
        if topic == "orderbook:AAPL" and not first.is_set():
            first.set()
            feed.stop("AAPL")  # mid-step: the step's other messages are not sent
            assert feed.symbols == frozenset()

    feed = DemoFeed(publish, interval=0.001, clock=TickingClock())
    feed.start("AAPL")
    task = asyncio.create_task(feed.run())
    await asyncio.wait_for(first.wait(), timeout=5)
    await asyncio.sleep(0.05)
    await _cancel(task)
    assert published == ["orderbook:AAPL", "orderbook:AAPL"]  # its book, then the book's removal


async def test_finish_returns_once_the_removal_is_published() -> None:
    published: list[Message] = []

    async def publish(topic: str, payloads: Sequence[BaseModel]) -> None:
        await asyncio.sleep(0.01)
        published.append((topic, list(payloads)))

    clock = TickingClock()
    feed = DemoFeed(publish, clock=clock)
    feed.start("AAPL")
    feed.step()
    await feed.finish("AAPL")
    [(topic, [clear])] = published
    assert topic == "orderbook:AAPL" and isinstance(clear, BookChanges)
    assert len(clear.bids) == len(clear.asks) == 60 and {s for _, s in clear.bids + clear.asks} == {"0"}


async def test_symbols_publish_side_by_side_each_in_its_order() -> None:
    """Behind Redis a publish is a round trip: one symbol's do not wait for another's."""
    published: list[str] = []

    async def publish(topic: str, payloads: Sequence[BaseModel]) -> None:
        published.append(topic)
        await asyncio.sleep(0.005)

    feed, twin = DemoFeed(publish, interval=60, clock=TickingClock()), DemoFeed(_ignore, clock=TickingClock())
    for each in (feed, twin):
        each.start("AAPL")
        each.start("MSFT")
    task = asyncio.create_task(feed.run())
    await asyncio.sleep(0.3)  # one step, published
    await _cancel(task)
    assert published[:2] == ["orderbook:AAPL", "orderbook:MSFT"]
    expected = [topic for topic, _ in twin.step()]
    for symbol in ("AAPL", "MSFT"):
        mine = [topic for topic in expected if topic.split(":")[1] == symbol]
        assert [topic for topic in published if topic.split(":")[1] == symbol] == mine


async def test_a_stopping_server_refusing_publishes_is_no_error(caplog: pytest.LogCaptureFixture) -> None:
    """On shutdown the clients leave (symbols stop, their books' removals queue) while the
    publisher already refuses everything: nothing to report."""

    async def publish(topic: str, payloads: Sequence[BaseModel]) -> None:
        raise Draining("the server is shutting down; nothing was published")

    feed = DemoFeed(publish, clock=TickingClock())
    feed.start("AAPL")
    feed.step()
    with caplog.at_level(logging.WARNING):
        await feed.finish("AAPL")
    assert caplog.records == []


@pytest.mark.parametrize("where", ["while publishing", "while sleeping"])
async def test_cancelling_is_clean(where: str, caplog: pytest.LogCaptureFixture) -> None:
    entered = asyncio.Event()

    async def publish(topic: str, payloads: Sequence[BaseModel]) -> None:
        entered.set()
        if where == "while publishing":
            await asyncio.Event().wait()  # a subscriber that never drains

    feed = DemoFeed(publish, interval=60, clock=TickingClock())
    feed.start("AAPL")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        task = asyncio.create_task(feed.run())
        await asyncio.wait_for(entered.wait(), timeout=5)
        await asyncio.sleep(0.01)
        await _cancel(task)
        gc.collect()
    assert caught == []
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def _ignore(topic: str, payloads: Sequence[BaseModel]) -> None:
    """A publish callback that drops everything."""
