"""Load client: many WebSocket connections in one uvloop process (picows), driven by bench.run.

    python -m bench.client --url ws://127.0.0.1:P/api/v1/ws --topics 10

Each stdin line is one JSON command, answered by exactly one JSON line on stdout (logs go to
stderr). Commands:
  connect  {"n"}                       open + subscribe connections up to n in total
  prepare  {}                          replace the last round's slow connection, reopen any the
                                       server closed
  start    {"seq0", "lat_seq0", "slow", "slow_symbol"}  reset counters; `slow` = index of a
                                       connection that stops reading (pause_reading)
  collect  {"scheduled", "issued", "idle", "max_wait"}  wait for the round's deliveries, report
  resume   {"idle", "max_wait"}        let the slow connection read again, wait for quiet
  quit     {}

Measuring without a `topic` field (fastws' update frames have none): connection i holds
exactly one topic per family, symbol i % topics, and each bar carries `volume` = `time` = a
global sequence number (unique, so no two bars are states of one bar a server may conflate)
and open = high = low = close = the publisher's CLOCK_MONOTONIC in µs when it sent the POST.
CLOCK_MONOTONIC is one clock for every process on the machine, so latency = receive time -
bar.open. Frames that are not JSON or not ours (a greeting, a reply, the snapshot of a
previous round: seq < seq0) are skipped.

With --families (the service only) each connection also subscribes the same symbol's quotes,
trades and order book (depth 10), and the publisher (bench/publisher.py) puts the same two
numbers into each family's payload: quotes time = sequence number, bid = ask = send µs;
trades one trade, id = time = sequence number, price = send µs; book changes time = sequence
number, the best bid's price = send µs (with a fraction that orders the changes of one POST).
A round publishes one family only. Each connection also follows the frames' own `seq` (per
topic, +1 a message): a jump counts the messages skipped (`seq_gaps`: conflated or lost), and
an order book snapshot during a round (what a lagging book subscriber gets instead of its
waiting updates) is counted in `snapshots`.

With --progress FILE the count of deliveries this round (to every connection but the slow
one) is kept in that file's first 8 bytes, so the publisher can bound what is in flight.
"""

import argparse
import asyncio
import mmap
import os
import struct
import sys
import time
from typing import Any

import orjson
import uvloop
from picows import WSCloseCode, WSFrame, WSListener, WSMsgType, WSTransport, ws_connect

CONNECT_CONCURRENCY = 200  # handshakes in flight at once; uvicorn's listen backlog is 2048
COUNTER = struct.Struct("=q")
FAMILIES = ("bars", "quotes", "trades", "orderbook")
BOOK_DEPTH = 10  # the depth every connection's order book subscription holds


def subscribe_frame(family: str, sym: str) -> dict[str, Any]:
    """The family's own subscribe message for `sym` (asyncapi.yaml x-topics)."""
    if family == "bars":
        return {"type": "bars.subscribe", "payload": {"symbol": sym, "params": {"resolution": "1"}}}
    if family == "orderbook":
        return {"type": "orderbook.subscribe", "payload": {"symbol": sym, "params": {"depth": BOOK_DEPTH}}}
    return {"type": f"{family}.subscribe", "payload": {"symbol": sym}}


def now_us() -> int:
    return time.monotonic_ns() // 1000


def symbol(topic: int) -> str:
    return f"BENCH{topic}"


class Round:
    """Counters of the round in progress, shared by every connection (one process, one thread)."""

    def __init__(self, progress: mmap.mmap | None = None) -> None:
        self.progress = progress
        self.seq0 = 1 << 62  # nothing counts before the first `start`
        self.lat_seq0 = 1 << 62
        self.latencies: list[int] = []  # µs, every connection but the slow one
        self.others = 0  # deliveries to every connection but the slow one
        self.first_rx = 0
        self.last_rx = 0


class Conn(WSListener):
    def __init__(self, index: int, topic: int, rnd: Round) -> None:
        self.index = index
        self.topic = topic
        self.rnd = rnd
        self.transport: WSTransport | None = None
        self.subscribed: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.closed = False
        self.close_code: int | None = None
        self.slow = False
        self.count = 0  # deliveries this round
        self.last_seq = -1
        self.out_of_order = 0  # seq not above the previous one: duplicate or reordered
        self.last_topic_seq = -1  # the frames' own `seq` (ours only; fastws' frames have none)
        self.seq_gaps = 0  # messages skipped in the frames' `seq`: conflated or lost
        self.snapshots = 0  # order book snapshots during the round (a lagging subscriber's catch-up)

    def on_ws_connected(self, transport: WSTransport) -> None:
        self.transport = transport

    def on_ws_frame(self, transport: WSTransport, frame: WSFrame) -> None:
        # The hot path of the whole bench: keep it to one parse and a few integer operations.
        if frame.msg_type != WSMsgType.TEXT:
            if frame.msg_type == WSMsgType.CLOSE:
                self.close_code = frame.get_close_code().value
                transport.send_close(frame.get_close_code())
                transport.disconnect()
            return
        try:
            msg = orjson.loads(frame.get_payload_as_bytes())
        except orjson.JSONDecodeError:
            return
        if type(msg) is not dict:
            return
        kind = msg.get("type")
        # Where each family's update carries the sequence number and the send µs (bench/publisher.py).
        if kind == "bars.update":
            payload = msg["payload"]
            seq, sent = payload["volume"], payload["open"]
        elif kind == "quotes.update":
            payload = msg["payload"]
            seq, sent = payload["time"], payload["bid"]
        elif kind == "trades.update":
            trade = msg["payload"]["trades"][0]
            seq, sent = trade["id"], trade["price"]
        elif kind == "orderbook.update":
            payload = msg["payload"]
            seq, sent = payload["time"], payload["bids"][0][0]
        else:
            self._other(kind, msg)
            return
        rnd = self.rnd
        if seq < rnd.seq0:
            return
        now = now_us()
        if seq <= self.last_seq:
            self.out_of_order += 1
        self.last_seq = seq
        topic_seq = msg.get("seq")
        if topic_seq is not None:  # ours: +1 a message of the topic
            last = self.last_topic_seq
            if topic_seq > last + 1 and last >= 0:
                self.seq_gaps += topic_seq - last - 1
            self.last_topic_seq = topic_seq
        self.count += 1
        if not rnd.first_rx:
            rnd.first_rx = now
        rnd.last_rx = now
        if not self.slow:
            rnd.others += 1
            if seq >= rnd.lat_seq0:
                rnd.latencies.append(now - int(float(sent)))  # a float (bars) or a decimal string
            if frame.last_in_buffer and rnd.progress is not None:  # once per read, not per frame
                COUNTER.pack_into(rnd.progress, 0, rnd.others)

    def _other(self, kind: Any, msg: dict[str, Any]) -> None:
        """Everything but an update: subscribe replies, order book snapshots, the rest skipped."""
        if kind == "orderbook.snapshot":
            # Right after the subscribe reply (before any round: time < seq0), or instead of
            # the updates that waited for a lagging subscriber: those count as skipped.
            if msg["payload"]["time"] >= self.rnd.seq0:
                self.snapshots += 1
                if self.last_topic_seq >= 0:
                    self.seq_gaps += max(0, msg["seq"] - self.last_topic_seq)
                self.last_topic_seq = msg["seq"]
        elif isinstance(kind, str) and kind.endswith(".subscribe.response"):
            if not self.subscribed.done():
                if msg.get("payload", {}).get("status") == "ok":
                    self.subscribed.set_result(msg)
                else:
                    self.subscribed.set_exception(RuntimeError(f"subscribe refused: {msg}"))

    def on_ws_disconnected(self, transport: WSTransport) -> None:
        self.closed = True
        if not self.subscribed.done():
            self.subscribed.set_exception(ConnectionError("closed before the subscribe reply"))


class Client:
    def __init__(
        self, url: str, topics: int, read_buffer: int, progress: str | None, families: tuple[str, ...] = ("bars",)
    ) -> None:
        self.url = url
        self.topics = topics
        self.families = families
        self.read_buffer = read_buffer
        self.progress = None
        if progress:
            with open(progress, "r+b") as f:
                self.progress = mmap.mmap(f.fileno(), COUNTER.size)
        self.rnd = Round()
        self.conns: list[Conn | None] = []
        self.slow: Conn | None = None

    async def _open(self, index: int, sem: asyncio.Semaphore) -> Conn | None:
        topic = index % self.topics
        async with sem:
            try:
                async with asyncio.timeout(20):
                    _, conn = await ws_connect(
                        lambda: Conn(index, topic, self.rnd),
                        self.url,
                        websocket_handshake_timeout=15,
                        read_buffer_init_size=self.read_buffer,
                    )
                    assert isinstance(conn, Conn)
                    for family in self.families:
                        await subscribe(conn, symbol(topic), family)
                    return conn
            except Exception as exc:  # counted and reported; one failure must not end the run
                print(f"client: connection {index} failed: {exc!r}", file=sys.stderr)
                return None

    async def _open_many(self, indexes: list[int]) -> int:
        sem = asyncio.Semaphore(CONNECT_CONCURRENCY)
        conns = await asyncio.gather(*(self._open(i, sem) for i in indexes))
        for i, conn in zip(indexes, conns, strict=True):
            self.conns[i] = conn
        return sum(c is not None for c in conns)

    def _alive(self) -> list[Conn]:
        return [c for c in self.conns if c is not None and not c.closed]

    async def connect(self, n: int) -> dict[str, Any]:
        t0 = time.monotonic()
        first = len(self.conns)
        self.conns.extend([None] * max(0, n - first))
        opened = await self._open_many(list(range(first, n)))
        return {
            "opened": opened,
            "failed": n - first - opened,
            "open": len(self._alive()),
            "seconds": round(time.monotonic() - t0, 3),
        }

    async def prepare(self) -> dict[str, Any]:
        """Start every round with all connections open, subscribed and reading.

        The last round's stopped reader is replaced by a new connection whatever the server
        made of it (a real client that fell behind reconnects), so no round inherits it."""
        if self.slow is not None:
            if self.slow.transport is not None and not self.slow.closed:
                self.slow.transport.disconnect(graceful=False)
            self.conns[self.slow.index] = None
        self.slow = None
        dead = [i for i, c in enumerate(self.conns) if c is None or c.closed]
        reopened = await self._open_many(dead) if dead else 0
        return {"reopened": reopened, "open": len(self._alive())}

    async def start(self, seq0: int, lat_seq0: int, slow: int | None, slow_symbol: str = "") -> dict[str, Any]:
        """Reset the counters; `slow` (a connection index) stops reading, after subscribing to
        `slow_symbol` as well (a topic of its own, where a burst can fill its buffers)."""
        if self.progress is not None:
            COUNTER.pack_into(self.progress, 0, 0)
        self.rnd = rnd = Round(self.progress)
        rnd.seq0, rnd.lat_seq0 = seq0, lat_seq0
        for conn in self._alive():
            conn.rnd, conn.count, conn.last_seq, conn.out_of_order, conn.slow = rnd, 0, -1, 0, False
            conn.last_topic_seq, conn.seq_gaps, conn.snapshots = -1, 0, 0
        if slow is not None:
            stopped = self.conns[slow]
            assert stopped is not None and stopped.transport is not None
            if slow_symbol:
                await subscribe(stopped, slow_symbol)
            stopped.slow = True
            self.slow = stopped
            # The kernel keeps its receive buffer (128 KiB here); then the server's send buffer
            # (up to 4 MiB on loopback) fills, then the server's own buffers.
            stopped.transport.underlying_transport.pause_reading()
        self.cpu0 = cpu_seconds()
        # Who counts as an "other" is fixed now: a connection that closes later is a loss.
        self.members = [c for c in self._alive() if not c.slow]
        return {"open": len(self._alive())}

    async def collect(
        self, scheduled: dict[str, int], issued: dict[str, int], idle: float, max_wait: float
    ) -> dict[str, Any]:
        """Wait until every other connection got what the publisher meant to publish (bars per
        topic index), or nothing came for `idle` s. Bars a blocked publisher never got to send
        count as missed, like those the server dropped."""
        rnd = self.rnd
        expected = sum(scheduled.get(str(c.topic), 0) for c in self.members)
        deadline = time.monotonic() + max_wait
        while rnd.others < expected and time.monotonic() < deadline:
            seen = rnd.others
            await asyncio.sleep(idle)
            if rnd.others == seen:
                break
        cpu = cpu_seconds() - self.cpu0
        lat = sorted(rnd.latencies)
        slow = self.slow
        others_got = sum(c.count for c in self.members)
        return {
            "expected_others": expected,
            "delivered_others": others_got,
            "delivered_total": others_got + (slow.count if slow else 0),
            "lost_others": expected - others_got,
            "lost_of_issued": sum(issued.get(str(c.topic), 0) for c in self.members) - others_got,
            "reached": sum(c.count > 0 for c in self.members),
            "closed_others": sum(c.closed for c in self.members),
            "out_of_order": sum(c.out_of_order for c in self.members),
            "seq_gaps": sum(c.seq_gaps for c in self.members),
            "snapshots": sum(c.snapshots for c in self.members),
            "first_rx_us": rnd.first_rx,
            "last_rx_us": rnd.last_rx,
            "client_cpu_s": round(cpu, 4),
            "latency_us": percentiles(lat),
            "slow": None
            if slow is None
            else {
                "index": slow.index,
                "topic": slow.topic,
                "delivered": slow.count,
                "closed": slow.closed,
                "close_code": slow.close_code,
            },
        }

    async def resume(self, idle: float, max_wait: float) -> dict[str, Any]:
        """Let the slow connection read its backlog; wait until the server has nothing left for it."""
        slow = self.slow
        if slow is None:
            return {}
        self._resume_reading(slow)
        deadline = time.monotonic() + max_wait
        while time.monotonic() < deadline:
            seen = slow.count, self.rnd.others
            await asyncio.sleep(idle)
            if (slow.count, self.rnd.others) == seen:
                break
        return {"delivered": slow.count, "closed": slow.closed, "close_code": slow.close_code}

    @staticmethod
    def _resume_reading(conn: Conn) -> None:
        if conn.transport is not None and not conn.closed:
            conn.transport.underlying_transport.resume_reading()

    def quit(self) -> None:
        for conn in self._alive():
            if conn.transport is not None:
                conn.transport.send_close(WSCloseCode.OK)
                conn.transport.disconnect()


async def subscribe(conn: Conn, sym: str, family: str = "bars") -> None:
    """Subscribe `sym`'s topic of `family` and wait for the reply."""
    assert conn.transport is not None
    if conn.subscribed.done():
        conn.subscribed = asyncio.get_running_loop().create_future()
    conn.transport.send(WSMsgType.TEXT, orjson.dumps(subscribe_frame(family, sym)))
    async with asyncio.timeout(20):
        await conn.subscribed


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system


def percentiles(values: list[int]) -> dict[str, Any]:
    """p50/p99/p999/max of sorted µs values (nearest rank)."""
    if not values:
        return {"n": 0}
    n = len(values)

    def at(q: float) -> int:
        return values[min(n - 1, int(q * n))]

    return {"n": n, "p50": at(0.50), "p99": at(0.99), "p999": at(0.999), "max": values[-1]}


async def serve(args: argparse.Namespace) -> None:
    client = Client(args.url, args.topics, args.read_buffer, args.progress, tuple(args.families.split(",")))
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():
        cmd = orjson.loads(line)
        name = cmd.pop("cmd")
        if name == "connect":
            reply = await client.connect(**cmd)
        elif name == "prepare":
            reply = await client.prepare()
        elif name == "start":
            reply = await client.start(**cmd)
        elif name == "collect":
            reply = await client.collect(**cmd)
        elif name == "resume":
            reply = await client.resume(**cmd)
        elif name == "quit":
            client.quit()
            await asyncio.sleep(0.2)  # let the close frames go out
            reply = {}
        else:
            reply = {"error": f"unknown command {name}"}
        sys.stdout.buffer.write(orjson.dumps(reply) + b"\n")
        sys.stdout.flush()
        if name == "quit":
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--topics", type=int, default=10)
    parser.add_argument("--read-buffer", type=int, default=16 * 1024, help="picows' initial read buffer per connection")
    parser.add_argument("--progress", help="file whose first 8 bytes count this round's deliveries")
    parser.add_argument(
        "--families",
        default="bars",
        help=f"comma-separated families each connection subscribes (of {', '.join(FAMILIES)}); bars first",
    )
    args = parser.parse_args()
    unknown = set(args.families.split(",")) - set(FAMILIES)
    if unknown:
        parser.error(f"unknown families: {', '.join(sorted(unknown))}")
    uvloop.run(serve(args))


if __name__ == "__main__":
    main()
