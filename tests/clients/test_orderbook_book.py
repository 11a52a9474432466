"""The Python order book helper (generated/orderbook.py): the checksum vectors shared with the
TypeScript tests (tests/fixtures/book-checksums.json), the pure OrderBook, and watch_order_book
against a fake server that plays a market whose book it changes."""

import asyncio
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from websockets.asyncio.server import ServerConnection

from generated.client import InvalidFrame, TradingWebSocketsClient
from generated.orderbook import OrderBook, OrderBookWatch, book_checksum, book_checksum_string, watch_order_book
from tests.clients.fake_server import FakeServer, Frame, answer, dumps

VECTORS: list[dict[str, Any]] = json.loads((Path(__file__).parents[1] / "fixtures" / "book-checksums.json").read_text())
Pair = list[str]


def view(asks: list[Pair], bids: list[Pair], checksum: int, time: int = 1) -> dict[str, Any]:
    return {"time": time, "asks": asks, "bids": bids, "checksum": checksum}


# ---- vectors ------------------------------------------------------------------------------------


def test_the_vectors_hold_the_specs_worked_example() -> None:
    assert [(v["string"], v["checksum"]) for v in VECTORS[:2]] == [
        ("101.00:5|101.50:2|100.50:3|100.00:7", 2857217212),
        ("101.00:5|101.50:2|100.50:3|100.25:4", 2676422502),
    ]
    assert any(len(v["asks"]) > v["depth"] for v in VECTORS) and any(len(v["bids"]) < v["depth"] for v in VECTORS)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_checksum_vector(vector: dict[str, Any]) -> None:
    depth, asks, bids = vector["depth"], vector["asks"], vector["bids"]
    assert book_checksum_string(asks, bids, depth) == vector["string"]
    assert zlib.crc32(vector["string"].encode()) == vector["checksum"]
    assert book_checksum(asks, bids, depth) == vector["checksum"]
    # The book sorts what it is given (here in reverse) as decimals and cuts each side to depth.
    book = OrderBook(depth)
    assert book.apply_snapshot(view(asks[::-1], bids[::-1], vector["checksum"]), 5) == "ok"
    assert book.checksum_string() == vector["string"]
    assert book.checksum() == vector["checksum"]
    assert book.asks() == [tuple(level) for level in asks[:depth]]
    assert book.bids() == [tuple(level) for level in bids[:depth]]
    assert book.synced


# ---- the pure book ------------------------------------------------------------------------------

EXAMPLE = VECTORS[0]
SPEC_UPDATE = view([], [["100.25", "4"], ["100.00", "0"]], 2676422502, time=2)


def example_book() -> OrderBook:
    book = OrderBook(10)
    assert book.apply_snapshot(view(EXAMPLE["asks"], EXAMPLE["bids"], EXAMPLE["checksum"]), 7) == "ok"
    return book


def test_a_snapshot_then_the_specs_update_keeps_the_strings_as_sent() -> None:
    book = example_book()
    assert book.apply_update(SPEC_UPDATE, 8) == "ok"
    assert book.bids() == [("100.50", "3"), ("100.25", "4")]
    assert book.asks() == [("101.00", "5"), ("101.50", "2")]
    assert book.checksum_string() == "101.00:5|101.50:2|100.50:3|100.25:4"
    assert (book.seq, book.time, book.synced) == (8, 2, True)
    # A new size replaces the level's; "100.5" is the same price as "100.50".
    after = book_checksum([["101.00", "5"], ["101.50", "2"]], [["100.5", "9"], ["100.25", "4"]])
    assert book.apply_update(view([], [["100.5", "9"]], after), 9) == "ok"
    assert book.bids() == [("100.5", "9"), ("100.25", "4")]


def test_each_side_is_cut_to_depth_after_applying() -> None:
    book = OrderBook(2)
    asks, bids = [["10", "1"], ["11", "1"]], [["9", "1"], ["8", "1"]]
    assert book.apply_snapshot(view(asks, bids, book_checksum(asks, bids)), 1) == "ok"
    # A better bid enters: the worst (8) falls out of the top 2 and is dropped, no delete needed.
    after = [["9.5", "2"], ["9", "1"]]
    assert book.apply_update(view([], [["9.5", "2"]], book_checksum(asks, after)), 2) == "ok"
    assert book.bids() == [("9.5", "2"), ("9", "1")]
    # Removing the best bid leaves one level: 8 is gone (the server sends it if it re-enters).
    assert book.apply_update(view([], [["9.5", "0"]], book_checksum(asks, [["9", "1"]])), 3) == "ok"
    assert book.bids() == [("9", "1")]
    # Removing a level the book does not have changes nothing.
    assert book.apply_update(view([["12", "0"]], [], book_checksum(asks, [["9", "1"]])), 4) == "ok"


def test_a_gap_in_seq_is_refused_and_the_book_stays_out_of_sync_until_a_snapshot() -> None:
    book = example_book()
    assert book.apply_update(SPEC_UPDATE, 9) == "gap"  # 8 is missing
    assert book.bids() == [tuple(level) for level in EXAMPLE["bids"]] and not book.synced
    assert book.apply_update(SPEC_UPDATE, 8) == "gap"  # even the right seq: the book is no longer known
    assert book.apply_snapshot(view(EXAMPLE["asks"], EXAMPLE["bids"], EXAMPLE["checksum"]), 12) == "ok"
    assert book.apply_update(SPEC_UPDATE, 13) == "ok"
    assert OrderBook(10).apply_update(SPEC_UPDATE, 1) == "gap"  # no snapshot yet


def test_a_checksum_mismatch_is_reported_and_leaves_the_book_out_of_sync() -> None:
    book = example_book()
    assert book.apply_update(view([], [["100.25", "4"]], 2676422502), 8) == "checksum"  # 100.00 not removed
    assert not book.synced
    assert book.apply_update(view([], [["100.00", "0"]], 2676422502), 9) == "gap"
    snapshot = view(EXAMPLE["asks"], EXAMPLE["bids"], EXAMPLE["checksum"] + 1)
    assert OrderBook(10).apply_snapshot(snapshot, 1) == "checksum"


def test_a_snapshot_at_any_time_replaces_the_book() -> None:
    book = example_book()
    assert book.apply_snapshot(view([["200", "1"]], [], book_checksum([["200", "1"]], [])), 40) == "ok"
    assert (book.asks(), book.bids(), book.seq) == ([("200", "1")], [], 40)


@pytest.mark.parametrize("bids", [[["1e3", "1"]], [["100", 5]], [["100"]], [["-1", "1"]]])
def test_a_payload_that_is_no_book_view_raises_and_changes_nothing(bids: list[Any]) -> None:
    book = example_book()
    with pytest.raises(ValidationError):
        book.apply_update(view([], bids, 0), 8)
    assert book.apply_update(SPEC_UPDATE, 8) == "ok"


# ---- watch_order_book against a fake server --------------------------------------------------------

pytest_fake = pytest.mark.fake_server
TOPIC = "orderbook:AAPL:10"
FAST = {"backoff_base": 0.01, "backoff_cap": 0.05, "reply_timeout": 2.0}


def scaled(price: str) -> int:
    """The reference model orders prices by integers scaled to the spec's 12 decimals."""
    whole, _, fraction = price.partition(".")
    return int(whole + fraction.ljust(12, "0"))


class Market:
    """The fake server's whole book; its top `depth` is the topic's view."""

    def __init__(self, depth: int = 10) -> None:
        self.depth, self.seq, self.epoch, self.corrupt = depth, 0, "fake", False
        self.sides: dict[str, dict[str, str]] = {"bids": {}, "asks": {}}

    def view(self, side: str) -> list[tuple[str, str]]:
        return self._sorted(side, list(self.sides[side].items()))[: self.depth]

    def change(self, bids: list[Pair] | None = None, asks: list[Pair] | None = None) -> str:
        """Apply changes to the whole book; the update frame: what changed in or entered the view."""
        before = {side: dict(self.view(side)) for side in self.sides}
        for side, changes in (("bids", bids or []), ("asks", asks or [])):
            for price, size in changes:
                if size == "0":
                    self.sides[side].pop(price, None)
                else:
                    self.sides[side][price] = size
        self.seq += 1

        def diff(side: str) -> list[tuple[str, str]]:
            changed = [(p, s) for p, s in self.view(side) if before[side].get(p) != s]
            gone = [(p, "0") for p in before[side] if p not in self.sides[side]]
            return self._sorted(side, changed + gone)

        return self._frame("orderbook.update", diff("bids"), diff("asks"))

    def snapshot(self) -> str:
        return self._frame("orderbook.snapshot", self.view("bids"), self.view("asks"))

    def _sorted(self, side: str, levels: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return sorted(levels, key=lambda level: scaled(level[0]), reverse=side == "bids")

    def _frame(self, kind: str, bids: list[tuple[str, str]], asks: list[tuple[str, str]]) -> str:
        view_string = "|".join(f"{p}:{s}" for p, s in self.view("asks") + self.view("bids"))
        checksum = (zlib.crc32(view_string.encode()) + self.corrupt) % 2**32
        payload = {"time": 1_697_097_600_000 + self.seq, "bids": bids, "asks": asks, "checksum": checksum}
        return dumps({"type": kind, "topic": TOPIC, "epoch": self.epoch, "seq": self.seq, "payload": payload})


def seeded_market() -> Market:
    market = Market()
    market.change(
        bids=[[f"{99 - i}.{'5' if i % 2 else '25'}", str(i + 1)] for i in range(14)],
        asks=[[f"{100 + i}.{'75' if i % 3 else '5'}", str(2 * i + 1)] for i in range(12)],
    )
    return market


class Scenario:
    """A fake server playing `market` (it sends the snapshot after each subscribe reply) and a
    client watching its book."""

    def __init__(self, market: Market) -> None:
        self.market = market
        self.sockets: list[ServerConnection] = []
        self.server = FakeServer(self.script)

    async def script(self, server: FakeServer, ws: ServerConnection, frame: Frame) -> None:
        reply = answer(frame)
        if reply:
            await ws.send(reply)
        if frame["type"] == "orderbook.subscribe":
            self.sockets.append(ws)
            await ws.send(self.market.snapshot())

    async def push(self, frame: str) -> None:
        """Send a frame to the client on its latest connection."""
        await self.sockets[-1].send(frame)

    async def change(self, **changes: list[Pair]) -> None:
        await self.push(self.market.change(**changes))

    def types(self) -> list[str]:
        return [frame["type"] for frame in self.server.received if frame["type"] != "ping"]

    def matches(self, book: OrderBook) -> bool:
        same = (book.bids(), book.asks()) == (self.market.view("bids"), self.market.view("asks"))
        return book.seq == self.market.seq and same


async def until(condition: Callable[[], bool]) -> None:
    async with asyncio.timeout(5):
        while not condition():
            await asyncio.sleep(0.01)


@pytest_fake
async def test_watch_applies_the_snapshot_and_updates_and_calls_on_book_after_each() -> None:
    scenario = Scenario(seeded_market())
    seqs: list[int | None] = []
    async with scenario.server, TradingWebSocketsClient(scenario.server.url, **FAST) as client:
        async with watch_order_book(client, "AAPL", 10, on_book=lambda book: seqs.append(book.seq)) as watch:
            assert watch.topic == TOPIC
            book = await watch.wait_for(timeout=5)
            assert len(book.bids()) == 10  # 14 bids in the market, cut to the view's 10
            await scenario.change(bids=[["99.25", "0"], ["99.75", "3"]])  # the best goes, a better one comes
            await scenario.change(asks=[["100.25", "8"]])  # a better ask: the 10th falls out of the view
            await scenario.change(bids=[["98.5", "0"], ["97.25", "0"]])  # two leave: the 11th and 12th enter
            await watch.wait_for(scenario.matches, timeout=5)
            assert seqs == [1, 2, 3, 4] and watch.resyncs == 0
        assert scenario.types() == ["orderbook.subscribe", "orderbook.unsubscribe"]


@pytest_fake
async def test_a_gap_in_seq_resubscribes_and_ends_with_the_servers_book() -> None:
    scenario = Scenario(seeded_market())
    reasons: list[str] = []
    async with scenario.server, TradingWebSocketsClient(scenario.server.url, **FAST) as client:
        async with watch_order_book(client, "AAPL", 10, on_resync=reasons.append) as watch:
            await watch.wait_for(timeout=5)
            await scenario.change(bids=[["99.75", "3"]])
            scenario.market.change(asks=[["100.25", "8"]])  # numbered and applied, but lost on the way
            await scenario.change(bids=[["98.5", "0"]])  # seq 4 after 2: a gap
            await until(lambda: watch.resyncs == 1 and watch.book.synced and scenario.matches(watch.book))
            assert reasons == ["gap"]
            assert scenario.types() == ["orderbook.subscribe", "orderbook.unsubscribe", "orderbook.subscribe"]
            await scenario.change(asks=[["100.5", "0"]])
            await watch.wait_for(scenario.matches, timeout=5)
            assert watch.resyncs == 1 and scenario.server.connections == 1


@pytest_fake
async def test_a_checksum_mismatch_resubscribes() -> None:
    scenario = Scenario(seeded_market())
    reasons: list[str] = []
    async with scenario.server, TradingWebSocketsClient(scenario.server.url, **FAST) as client:
        async with watch_order_book(client, "AAPL", 10, on_resync=reasons.append) as watch:
            await watch.wait_for(timeout=5)
            scenario.market.corrupt = True
            await scenario.change(bids=[["99.75", "3"]])
            scenario.market.corrupt = False
            await until(lambda: watch.resyncs == 1 and watch.book.synced and scenario.matches(watch.book))
            assert reasons == ["checksum"]
            assert scenario.types() == ["orderbook.subscribe", "orderbook.unsubscribe", "orderbook.subscribe"]


@pytest_fake
async def test_a_frame_dropped_on_the_client_side_is_a_gap() -> None:
    scenario = Scenario(seeded_market())
    dropped: list[int] = []

    def drop_frame(frame: dict[str, Any]) -> bool:
        if frame["seq"] == 3 and not dropped:
            dropped.append(3)
            return True
        return False

    async with scenario.server, TradingWebSocketsClient(scenario.server.url, **FAST) as client:
        async with watch_order_book(client, "AAPL", 10, drop_frame=drop_frame) as watch:
            await watch.wait_for(timeout=5)
            await scenario.change(bids=[["99.75", "3"]])
            await scenario.change(bids=[["99.8", "1"]])  # seq 3: dropped
            await scenario.change(asks=[["100.25", "8"]])
            await until(lambda: watch.resyncs == 1 and watch.book.synced and scenario.matches(watch.book))
            assert dropped == [3]


@pytest_fake
async def test_a_lost_snapshot_is_noticed_on_the_next_update() -> None:
    scenario = Scenario(seeded_market())
    reasons: list[str] = []

    def drop_first_snapshot(frame: dict[str, Any]) -> bool:
        return frame["type"] == "orderbook.snapshot" and not reasons and frame["seq"] == 1

    async with scenario.server, TradingWebSocketsClient(scenario.server.url, **FAST) as client:
        async with watch_order_book(
            client, "AAPL", 10, drop_frame=drop_first_snapshot, on_resync=reasons.append
        ) as watch:
            await scenario.change(bids=[["99.75", "3"]])  # seq 2, with nothing to apply it to
            await until(lambda: watch.resyncs == 1 and watch.book.synced and scenario.matches(watch.book))
            assert reasons == ["gap"]
            assert scenario.types() == ["orderbook.subscribe", "orderbook.unsubscribe", "orderbook.subscribe"]


@pytest_fake
async def test_an_update_of_another_epoch_is_a_gap_and_a_snapshot_replaces_the_book() -> None:
    scenario = Scenario(seeded_market())
    async with scenario.server, TradingWebSocketsClient(scenario.server.url, **FAST) as client:
        async with watch_order_book(client, "AAPL", 10) as watch:
            await watch.wait_for(timeout=5)
            # A snapshot in place of missed messages (what a lagging client gets): no resync.
            scenario.market.change(bids=[["99.75", "3"]])
            await scenario.push(scenario.market.snapshot())
            await watch.wait_for(lambda book: book.seq == 2, timeout=5)
            assert watch.resyncs == 0 and scenario.matches(watch.book)
            scenario.market.epoch = "other"
            await scenario.change(asks=[["100.25", "8"]])
            await until(lambda: watch.resyncs == 1 and watch.book.synced and scenario.matches(watch.book))


@pytest_fake
async def test_an_unreadable_frame_of_the_topic_is_reported_and_resubscribes() -> None:
    scenario = Scenario(seeded_market())
    errors: list[InvalidFrame] = []
    async with scenario.server, TradingWebSocketsClient(scenario.server.url, **FAST) as client:
        client.on_error(errors.append)
        async with watch_order_book(client, "AAPL", 10) as watch:
            await watch.wait_for(timeout=5)
            bad = {"type": "orderbook.update", "topic": TOPIC, "epoch": "fake", "seq": 2, "payload": {"bids": 1}}
            await scenario.push(dumps(bad))
            await until(lambda: watch.resyncs == 1 and watch.book.synced)
            assert len(errors) == 1 and "orderbook.update" in str(errors[0])


@pytest_fake
async def test_a_persistent_mismatch_does_not_loop() -> None:
    scenario = Scenario(seeded_market())
    async with scenario.server, TradingWebSocketsClient(scenario.server.url, **FAST) as client:
        watch = OrderBookWatch(client, "AAPL", 10, resync_delay=0.02, resync_delay_cap=0.08)
        await watch.start()
        try:
            await watch.wait_for(timeout=5)
            scenario.market.corrupt = True  # every snapshot and update from now on is wrong
            await scenario.change(bids=[["99.75", "3"]])
            await until(lambda: watch.resyncs >= 3)
            await asyncio.sleep(0.25)
            # 0, 20, 40, 80, 80 ... ms apart: a handful in 250 ms, never a storm, one at a time.
            assert watch.resyncs <= 8, watch.resyncs
            sent = scenario.types()
            pairs = ["orderbook.unsubscribe", "orderbook.subscribe"] * watch.resyncs
            assert sent == ["orderbook.subscribe", *pairs][: len(sent)]
            assert len(sent) >= 2 * watch.resyncs - 1 and not watch.book.synced
            scenario.market.corrupt = False
            await watch.wait_for(timeout=5)
            assert scenario.server.connections == 1
        finally:
            await watch.close()


@pytest_fake
async def test_mismatches_while_a_resubscribe_is_in_flight_make_one_more_not_one_each() -> None:
    scenario = Scenario(seeded_market())
    async with scenario.server, TradingWebSocketsClient(scenario.server.url, **FAST) as client:
        async with watch_order_book(client, "AAPL", 10, resync_delay=0.03) as watch:
            await watch.wait_for(timeout=5)
            scenario.market.corrupt = True
            await scenario.change(bids=[["99.75", "3"]])  # the first resubscribe starts
            for _ in range(3):
                await scenario.push(scenario.market.snapshot())  # three bad snapshots meanwhile
            await until(lambda: watch.resyncs >= 2)
            scenario.market.corrupt = False
            await watch.wait_for(timeout=5)
            await asyncio.sleep(0.05)
            # 2, or 3 when the bad snapshot that answers the first comes after it ended: never 4.
            assert watch.resyncs in (2, 3), watch.resyncs
            pairs = ["orderbook.unsubscribe", "orderbook.subscribe"] * watch.resyncs
            assert scenario.types() == ["orderbook.subscribe", *pairs]  # strictly one at a time


@pytest_fake
async def test_after_a_reconnect_the_runtime_resubscribes_and_a_fresh_snapshot_replaces_the_book() -> None:
    scenario = Scenario(seeded_market())
    async with scenario.server, TradingWebSocketsClient(scenario.server.url, **FAST) as client:
        async with watch_order_book(client, "AAPL", 10) as watch:
            await watch.wait_for(timeout=5)
            await scenario.change(bids=[["99.75", "3"]])
            await watch.wait_for(scenario.matches, timeout=5)
            await scenario.server.drop()
            scenario.market.change(asks=[["100.25", "8"]])  # while nobody listens
            await until(lambda: scenario.server.connections == 2 and scenario.matches(watch.book))
            await scenario.change(asks=[["100.5", "0"]])
            await watch.wait_for(scenario.matches, timeout=5)
            assert watch.resyncs == 0
            assert scenario.server.sent("orderbook.subscribe") == 2
