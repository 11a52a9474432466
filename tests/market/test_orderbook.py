"""Order books end to end: the reply and the snapshot first, every checksum a client verifies,
what publishing refuses, and a subscriber that stops reading for 5 s, which is never closed for
it and gets one fresh snapshot of the book instead of everything it missed."""

import asyncio
import random
import socket
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

from generated.client import TradingWebSocketsClient
from generated.orderbook import OrderBook, watch_order_book
from tests.engine.helpers import publish
from tests.live_server import WsClient, unique_symbol

T0 = 1_700_000_000_000


def book_subscribe(symbol: str, depth: int | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {"symbol": symbol}
    if depth is not None:
        payload["params"] = {"depth": depth}
    return {"type": "orderbook.subscribe", "payload": payload}


def random_changes(rng: random.Random, count: int, first_time: int = 0, levels: int = 3) -> list[dict[str, Any]]:
    """Changes around a wandering mid: new levels, resized ones, and removals (size "0")."""
    changes = []
    for n in range(count):
        mid = 10_000 + rng.randint(-30, 30)
        bids = [
            [f"{(mid - rng.randint(1, 120)) / 100:.2f}", rng.choice(["0", "0", "1", "25", "300"])]
            for _ in range(levels)
        ]
        asks = [
            [f"{(mid + rng.randint(1, 120)) / 100:.2f}", rng.choice(["0", "0", "2", "40", "500"])]
            for _ in range(levels)
        ]
        changes.append({"time": T0 + first_time + n, "bids": bids, "asks": asks})
    return changes


def dense_changes(rng: random.Random, count: int, first_time: int) -> list[dict[str, Any]]:
    """Changes that resize all 50 levels of each side: large updates of a depth-50 view."""
    bids = [f"{9950 - i}" for i in range(50)]
    asks = [f"{10050 + i}" for i in range(50)]
    return [
        {
            "time": T0 + first_time + n,
            "bids": [[price, str(rng.randint(1, 999))] for price in bids],
            "asks": [[price, str(rng.randint(1, 999))] for price in asks],
        }
        for n in range(count)
    ]


async def publish_all(server, topic: str, changes: list[dict[str, Any]], batch: int = 500) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    for start in range(0, len(changes), batch):
        answer = await publish(server, topic, changes[start : start + batch])
    return answer


class Follower:
    """Applies a topic's frames to the generated client's OrderBook, as the spec asks."""

    def __init__(self, depth: int) -> None:
        self.book = OrderBook(depth)
        self.snapshots = 0
        self.results: list[str] = []

    def apply(self, frame: dict[str, Any]) -> str:
        if frame["type"] == "orderbook.snapshot":
            self.snapshots += 1
            result = self.book.apply_snapshot(frame["payload"], frame["seq"])
        else:
            assert frame["type"] == "orderbook.update", frame
            result = self.book.apply_update(frame["payload"], frame["seq"])
        self.results.append(result)
        return result


async def snapshot_now(server, symbol: str, depth: int, ws_connect) -> dict[str, Any]:
    """What a new subscriber gets first: the server's view of the book right now."""
    client = await ws_connect(server)
    await client.send(book_subscribe(symbol, depth))
    assert (await client.recv())["payload"]["status"] == "ok"
    snapshot = await client.recv()
    assert snapshot["type"] == "orderbook.snapshot"
    await client.close()
    return snapshot


async def test_the_reply_names_the_default_depth_and_a_snapshot_follows(market, ws_connect):
    symbol = unique_symbol()
    client = await ws_connect(market.reader)
    await client.send(book_subscribe(symbol))
    reply = await client.recv()
    assert reply == {
        "type": "orderbook.subscribe.response",
        "payload": {
            "status": "ok",
            "symbol": symbol,
            "message": f"Subscribed to {symbol}",
            "topic": f"orderbook:{symbol}:10",
        },
    }
    empty = await client.recv()
    assert (empty["type"], empty["topic"], empty["seq"]) == ("orderbook.snapshot", f"orderbook:{symbol}:10", 0)
    assert (empty["payload"]["bids"], empty["payload"]["asks"], empty["payload"]["checksum"]) == ([], [], 0)
    await client.send({"type": "orderbook.unsubscribe", "payload": {"symbol": symbol}})
    left = await client.recv()
    assert (left["type"], left["payload"]["status"], left["payload"]["topic"]) == (
        "orderbook.unsubscribe.response",
        "ok",
        f"orderbook:{symbol}:10",
    )


@pytest.mark.bad_input
async def test_a_depth_that_is_none_of_10_25_50_closes_with_1003(market, ws_connect):
    client = await ws_connect(market.reader)
    await client.send(book_subscribe(unique_symbol(), 20))
    code, reason, received = await client.closed()
    assert (code, reason) == (1003, "Could not validate payload")
    assert received[-1]["payload"]["code"] == "validation_error"


@pytest.mark.parametrize("depth", [10, 25, 50])
async def test_each_depth_gets_its_cut_of_one_book_and_every_update_verifies(market, ws_connect, depth):
    symbol = unique_symbol()
    source = f"orderbook:{symbol}"
    rng = random.Random(depth)
    await publish_all(market.publisher, source, random_changes(rng, 200, levels=6))
    client = await ws_connect(market.reader)
    await client.send(book_subscribe(symbol, depth))
    assert (await client.recv())["payload"]["topic"] == f"{source}:{depth}"
    follower = Follower(depth)
    first = await client.recv()
    assert (first["type"], first["seq"]) == ("orderbook.snapshot", 200)
    assert follower.apply(first) == "ok"
    assert len(follower.book.bids()) == len(follower.book.asks()) == depth  # a deeper book, cut
    await publish_all(market.publisher, source, random_changes(rng, 300, first_time=200, levels=6))
    for _ in range(300):
        assert follower.apply(await client.recv()) == "ok"
    assert follower.book.seq == 500
    fresh = await snapshot_now(market.reader, symbol, depth, ws_connect)
    assert (fresh["seq"], fresh["payload"]["checksum"]) == (500, follower.book.checksum())
    assert [list(level) for level in follower.book.bids()] == fresh["payload"]["bids"]


async def test_a_replacing_change_is_the_whole_book_on_every_worker(market, ws_connect):
    symbol = unique_symbol()
    source = f"orderbook:{symbol}"
    await publish_all(market.publisher, source, random_changes(random.Random(3), 50, levels=6))
    client = await ws_connect(market.reader)
    await client.send(book_subscribe(symbol, 10))
    await client.recv()
    follower = Follower(10)
    assert follower.apply(await client.recv()) == "ok"
    whole = {"time": T0 + 99, "bids": [["99.5", "7"]], "asks": [["100.5", "8"], ["100.75", "9"]], "replace": True}
    await publish(market.publisher, source, [whole])
    assert follower.apply(await client.recv()) == "ok"
    assert (follower.book.bids(), follower.book.asks()) == ([("99.5", "7")], [("100.5", "8"), ("100.75", "9")])
    fresh = await snapshot_now(market.publisher, symbol, 10, ws_connect)  # the other worker's book too
    assert (fresh["payload"]["bids"], fresh["payload"]["asks"]) == (whole["bids"], whole["asks"])


BAD_CHANGES = {
    "a price as a float": ({"time": T0, "bids": [[100.5, "1"]], "asks": []}, "valid string"),
    "a negative size": ({"time": T0, "bids": [["100.5", "-1"]], "asks": []}, "pattern"),
    "a level of three": ({"time": T0, "bids": [], "asks": [["100.5", "1", "2"]]}, "at most 2 items"),
    "no asks": ({"time": T0, "bids": []}, "Field required"),
}


@pytest.mark.parametrize(("change", "error"), BAD_CHANGES.values(), ids=BAD_CHANGES.keys())
async def test_invalid_book_changes_are_422_and_change_nothing(market, ws_connect, change, error):
    symbol = unique_symbol()
    good = {"time": T0, "bids": [["99.5", "1"]], "asks": [["100.5", "1"]]}
    async with httpx.AsyncClient(base_url=market.publisher.base_url, timeout=10) as http:
        response = await http.post("/api/v1/publish", json={"topic": f"orderbook:{symbol}", "messages": [good, change]})
    assert response.status_code == 422, response.text
    [detail] = response.json()["detail"]
    assert detail["loc"][:3] == ["body", "messages", 1] and error in detail["msg"], detail
    snapshot = await snapshot_now(market.reader, symbol, 10, ws_connect)
    assert (snapshot["seq"], snapshot["payload"]["bids"]) == (0, [])


def sluggish_socket(url: str) -> socket.socket:
    """A TCP connection with a small receive buffer, so a client that stops reading is soon
    seen by the server as one whose socket stopped draining."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((host, int(port)))
    return sock


async def test_a_subscriber_paused_5_s_gets_a_fresh_snapshot_and_ends_equal(market, ws_connect):
    symbol, depth = unique_symbol(), 50
    source = f"orderbook:{symbol}"
    rng = random.Random(5)
    await publish_all(market.publisher, source, dense_changes(rng, 100, 0))
    url = market.reader.ws_url
    paused = WsClient(await connect(url, sock=sluggish_socket(url), max_queue=4, open_timeout=5))
    await paused.send(book_subscribe(symbol, depth))
    assert (await paused.recv())["payload"]["status"] == "ok"
    follower = Follower(depth)
    assert follower.apply(await paused.recv()) == "ok"

    # It stops reading for 5 s while the book changes thousands of times: far more than the
    # server holds for a client (WS_MAX_QUEUE 1,000 frames, 1 MiB) and than the sockets buffer.
    published = 0
    loop = asyncio.get_running_loop()
    until = loop.time() + 5
    while loop.time() < until:
        await publish_all(market.publisher, source, dense_changes(rng, 250, 100 + published))
        published += 250
    assert published >= 4000

    while follower.book.seq != 100 + published:
        assert follower.apply(await paused.recv()) == "ok"
    assert follower.snapshots >= 2  # the backlog it could not take became one fresh snapshot
    assert len(follower.results) < published / 2  # it was not sent every update it missed
    fresh = await snapshot_now(market.reader, symbol, depth, ws_connect)
    assert (fresh["seq"], fresh["payload"]["checksum"]) == (follower.book.seq, follower.book.checksum())
    assert await paused.until_pong() == []  # still open, nothing more
    await paused.close()


class Dropper:
    """The test hook of the generated client's book watch: drops a random 1% of the topic's
    frames (never the last one: nothing would follow to reveal it) and notes, for each frame,
    whether the book was in sync before it (so the state after the frame before)."""

    def __init__(self, seed: int, last_seq: int) -> None:
        self.rng, self.last_seq = random.Random(seed), last_seq
        self.frames: list[tuple[str, int, bool]] = []  # (type, seq, book in sync before it)
        self.dropped: list[int] = []  # indexes into frames
        self.watch: Any = None

    def __call__(self, frame: dict[str, Any]) -> bool:
        self.frames.append((frame["type"], frame["seq"], self.watch.book.synced))
        drop = frame["seq"] < self.last_seq and self.rng.random() < 0.01
        if drop:
            self.dropped.append(len(self.frames) - 1)
        return drop

    def undetected(self) -> list[tuple[str, int]]:
        """Drops of a frame the book needed (an update while in sync, or a snapshot) after which
        the next frame did not leave the book out of sync."""
        missed = []
        for i in self.dropped:
            kind, seq, synced = self.frames[i]
            needed = synced or kind == "orderbook.snapshot"
            if needed and i + 2 < len(self.frames) and self.frames[i + 1][0] == "orderbook.update":
                if self.frames[i + 2][2]:  # in sync after the next frame: the drop went unseen
                    missed.append((kind, seq))
        return missed


async def test_10000_random_changes_with_1_percent_dropped_by_the_client_end_equal(market, ws_connect):
    symbol, depth, count = unique_symbol(), 25, 10_000
    rng = random.Random(10_000)
    dropper = Dropper(seed=1, last_seq=count)
    reasons: list[str] = []
    async with TradingWebSocketsClient(market.reader.ws_url, reply_timeout=10) as client:
        watch = watch_order_book(client, symbol, depth, drop_frame=dropper, on_resync=reasons.append, resync_delay=0.01)
        dropper.watch = watch
        async with watch:
            await publish_all(market.publisher, f"orderbook:{symbol}", random_changes(rng, count), batch=1000)
            book = await watch.wait_for(lambda book: book.seq == count, timeout=120)
            fresh = await snapshot_now(market.reader, symbol, depth, ws_connect)
            assert (fresh["seq"], fresh["payload"]["checksum"]) == (count, book.checksum())
            assert [list(level) for level in book.bids()] == fresh["payload"]["bids"]
            assert [list(level) for level in book.asks()] == fresh["payload"]["asks"]
    assert len(dropper.dropped) >= 50  # about 1% of the frames, each caught below
    assert dropper.undetected() == []
    assert set(reasons) == {"gap"}  # a gap every time, never a checksum the server got wrong
    assert 0 < watch.resyncs <= len(dropper.dropped)
