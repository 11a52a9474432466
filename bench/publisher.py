"""Publisher: bars into `POST /api/v1/publish` over keep-alive HTTP/1.1 connections.

    python -m bench.publisher --port P --topics 10 --seq0 S [--fill N --fill-symbol SYM]
           (--saturated MAX_SECONDS ... | --paced SECONDS --rate BARS_PER_S)

Phases, in order:
- fill (optional): N bars to --fill-symbol in POSTs of --fill-batch, as fast as the server
  answers; the bench's stopped reader alone holds that topic, so this fills its buffers. A
  fill POST that times out ends the fill (the server has stopped taking them: a stall).
- saturated: POSTs of --batch bars, round-robin over the topics, --inflight at a time, closed
  loop: a POST waits while more than --window POSTs' worth of deliveries are published but
  not yet received (the client's count, read from --progress). Without that bound a server
  whose publish call does not wait on sockets would queue faster than the client reads, and
  latency would measure the client's backlog. Ends after MAX_SECONDS, or once the server
  (--server-pid, repeatable: the process trees of every one, so uvicorn's workers and a
  redis-server count) has used --server-cpu seconds of CPU and at least 1 s has passed.
- paced: --paced-batch bars per POST at a steady --rate bars/s for SECONDS.

Each bar carries `time` = `volume` = its sequence number (from --seq0 on, fill first) and
open = high = low = close = CLOCK_MONOTONIC µs just before its POST is sent (the bars form
`{"symbol", "resolution", "bars"}`). With --family another family's messages go out instead,
in the generic form `{"topic", "messages"}`, carrying the same two numbers (bench/client.py
reads them back):
- quotes `quotes:SYM`: time = sequence number, bid = ask = str(send µs), sizes "1";
- trades `trades:SYM`: one trade a message, id = time = sequence number, price = str(send µs),
  size "1", side "buy";
- orderbook, the source topic `orderbook:SYM` (the server keeps the book and sends depth 10's
  subscribers the view's changes): time = sequence number; each change sets one new bid level
  "<send µs>.<k>" size "1" (k its place in the POST, so the changes of a POST rise too) and
  removes ("0") the one this publisher's previous change to the symbol set. Prices only rise, so
  the new level is always the best bid, the first of the update's `bids`, and the book stays a
  few levels deep (each round leaves its last level behind: one more per round).

A POST that takes longer than --post-timeout is given up (a producer cannot wait forever):
its connection is dropped and a new one opened. No POST starts after a phase's deadline
(plus --grace for paced); bars never sent are reported as not issued. Prints one JSON object.
"""

import argparse
import asyncio
import mmap
import os
import sys
import time
from typing import Any

import orjson
import uvloop

from bench.client import COUNTER, now_us, percentiles, symbol
from bench.procfs import cpu_seconds

HEAD = (
    b"POST /api/v1/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
)


class Http:
    """A minimal keep-alive HTTP/1.1 client (httpx costs more CPU per POST than we can spare on 2 cores)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, body: bytes) -> int:
        if self.streams is None:
            self.streams = await asyncio.open_connection("127.0.0.1", self.port)
        reader, writer = self.streams
        writer.write(HEAD % len(body) + body)
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await reader.readexactly(length)
        return int(head[9:12])

    def drop(self) -> None:
        if self.streams is not None:
            self.streams[1].transport.abort()
            self.streams = None


class Stats:
    def __init__(self) -> None:
        self.intended: dict[str, int] = {}  # topic index (or fill symbol) -> bars the schedule meant to publish
        self.issued: dict[str, int] = {}  # topic index (or fill symbol) -> bars whose POST was sent
        self.confirmed = 0  # bars in POSTs answered 200
        self.latencies: list[int] = []  # µs per POST (a timed-out one counts as the timeout)
        self.timeouts = 0
        self.errors = 0
        self.window_waits = 0  # saturated: times the in-flight bound held a POST back over 1 s
        self.first_send = 0

    def report(self) -> dict[str, Any]:
        issued = sum(self.issued.values())
        return {
            "intended_by_topic": self.intended,
            "issued_by_topic": self.issued,
            "issued": issued,
            "not_issued": sum(self.intended.values()) - issued,
            "confirmed": self.confirmed,
            "posts": len(self.latencies),
            "timeouts": self.timeouts,
            "errors": self.errors,
            "window_waits": self.window_waits,
            "first_send_us": self.first_send,
            "post_latency_us": percentiles(sorted(self.latencies)),
        }


class Publisher:
    def __init__(self, args: argparse.Namespace) -> None:
        self.a = args
        self.seq = args.seq0
        self.book_level: dict[str, str] = {}  # orderbook: symbol -> the bid level the last change set
        self.book_us: dict[str, int] = {}  # orderbook: symbol -> that level's µs
        self.progress = None
        if args.progress:
            with open(args.progress, "rb") as f:
                self.progress = mmap.mmap(f.fileno(), COUNTER.size, prot=mmap.PROT_READ)

    def body(self, sym: str, n: int, family: str = "bars") -> bytes:
        us = now_us()
        first, self.seq = self.seq, self.seq + n
        seqs = range(first, first + n)
        if family == "bars":
            t = float(us)
            bars = [{"time": s, "open": t, "high": t, "low": t, "close": t, "volume": s} for s in seqs]
            return orjson.dumps({"symbol": sym, "resolution": "1", "bars": bars})
        sent = str(us)
        messages: list[dict[str, Any]]
        if family == "quotes":
            messages = [{"time": s, "bid": sent, "bid_size": "1", "ask": sent, "ask_size": "1"} for s in seqs]
        elif family == "trades":
            messages = [{"trades": [{"id": s, "time": s, "price": sent, "size": "1", "side": "buy"}]} for s in seqs]
        else:  # orderbook: changes of the whole book, to its source topic
            # Prices must rise from change to change of one symbol, also across POSTs sent
            # within the same µs (only by another worker, to another symbol, in practice).
            us = max(us, self.book_us.get(sym, 0) + 1)
            self.book_us[sym] = us
            width = len(str(n - 1))
            messages = []
            for k, s in enumerate(seqs):
                price = f"{us}.{k:0{width}d}" if n > 1 else str(us)
                bids = [[price, "1"]]
                previous = self.book_level.get(sym)
                if previous is not None:
                    bids.append([previous, "0"])
                self.book_level[sym] = price
                messages.append({"time": s, "bids": bids, "asks": []})
        return orjson.dumps({"topic": f"{family}:{sym}", "messages": messages})

    async def post(
        self, http: Http, key: str, sym: str, n: int, stats: Stats, deadline: float, family: str = "bars"
    ) -> None:
        stats.intended[key] = stats.intended.get(key, 0) + n
        if time.monotonic() > deadline:
            self.seq += n  # keep the numbering of the schedule; these bars are never sent
            return
        body = self.body(sym, n, family)
        stats.issued[key] = stats.issued.get(key, 0) + n
        t0 = now_us()
        stats.first_send = stats.first_send or t0
        try:
            async with asyncio.timeout(self.a.post_timeout):
                status = await http.post(body)
        except TimeoutError:
            stats.timeouts += 1
            http.drop()
            status = 0
        except OSError:
            stats.errors += 1
            http.drop()
            return
        stats.latencies.append(now_us() - t0)
        if status == 200:
            stats.confirmed += n
        elif status:
            stats.errors += 1

    async def fill(self) -> Stats:
        a, stats, http = self.a, Stats(), Http(self.a.port)
        deadline = time.monotonic() + a.fill_seconds
        for start in range(0, a.fill, a.fill_batch):
            if stats.timeouts:  # the server no longer takes bars for the stopped reader: done
                break
            n = min(a.fill_batch, a.fill - start)
            await self.post(http, a.fill_symbol, a.fill_symbol, n, stats, deadline)
        http.drop()
        self.seq = a.seq0 + a.fill  # the main phase's numbers do not depend on where the fill ended
        return stats

    async def saturated(self) -> Stats:
        a, stats = self.a, Stats()
        t0 = time.monotonic()
        deadline = t0 + a.saturated
        pids = a.server_pid or []
        cpu0 = cpu_seconds(*pids)
        posts = iter(range(a.max_bars // a.batch))
        window = a.window * a.batch * a.subscribers  # deliveries allowed in flight
        done = False

        def finished() -> bool:
            now = time.monotonic()
            if now > deadline:
                return True
            return bool(pids) and now - t0 >= 1.0 and cpu_seconds(*pids) - cpu0 >= a.server_cpu

        async def wait_for_window() -> None:
            if self.progress is None:
                return
            limit = time.monotonic() + 1.0
            while sum(stats.issued.values()) * a.subscribers - COUNTER.unpack_from(self.progress)[0] > window:
                if time.monotonic() > limit:  # deliveries lost or very late: go on, but say so
                    stats.window_waits += 1
                    return
                # Coarse on purpose: every wake-up of this process is CPU the 2 cores' server
                # and client do not get (a 0.5 ms poll cost a third of a core).
                await asyncio.sleep(0.002)

        async def worker() -> None:
            nonlocal done
            http = Http(a.port)
            for i in posts:  # shared iterator: the next POST goes to whichever worker is free
                if done or (i % 8 == 0 and finished()):
                    done = True
                    break
                await wait_for_window()
                topic = i % a.topics
                await self.post(http, str(topic), symbol(topic), a.batch, stats, deadline, a.family)
            http.drop()

        await asyncio.gather(*(worker() for _ in range(a.inflight)))
        return stats

    async def paced(self) -> Stats:
        a, stats, http = self.a, Stats(), Http(self.a.port)
        interval = a.paced_batch / a.rate
        start = time.monotonic()
        deadline = start + a.paced + a.grace
        for i in range(int(a.paced * a.rate / a.paced_batch)):
            delay = start + i * interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            topic = i % a.topics
            await self.post(http, str(topic), symbol(topic), a.paced_batch, stats, deadline)
        http.drop()
        return stats


async def run(args: argparse.Namespace) -> dict[str, Any]:
    pub = Publisher(args)
    cpu0 = os.times()
    out: dict[str, Any] = {}
    if args.fill:
        out["fill"] = (await pub.fill()).report()
        # Let the burst's after-effects (its garbage, the kernel flushing megabytes) pass: the
        # measured phase is about a stopped reader, not about the burst that stopped it.
        await asyncio.sleep(args.settle)
    out["lat_seq0"] = pub.seq  # the main phase's first sequence number
    main_phase = await (pub.saturated() if args.saturated else pub.paced())
    out["main"] = main_phase.report()
    cpu1 = os.times()
    out["seq_next"] = pub.seq
    out["publisher_cpu_s"] = round(cpu1.user + cpu1.system - cpu0.user - cpu0.system, 4)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--topics", type=int, default=10)
    p.add_argument("--seq0", type=int, required=True)
    p.add_argument("--saturated", type=float, default=0.0, help="at most this many seconds of saturated publishing")
    p.add_argument(
        "--family",
        choices=["bars", "quotes", "trades", "orderbook"],
        default="bars",
        help="what the saturated phase publishes (the fill and paced phases publish bars)",
    )
    p.add_argument("--batch", type=int, default=20, help="bars per POST (saturated)")
    p.add_argument("--max-bars", type=int, default=1_000_000, help="bars at most in the saturated phase")
    p.add_argument("--inflight", type=int, default=2, help="POSTs in flight at once (saturated)")
    p.add_argument("--window", type=int, default=4, help="POSTs' worth of deliveries in flight at most (saturated)")
    p.add_argument("--subscribers", type=int, default=50, help="subscribers per topic (saturated window)")
    p.add_argument("--progress", help="the client's delivery counter file (saturated window)")
    p.add_argument(
        "--server-pid",
        type=int,
        action="append",
        help="end the saturated phase on these process trees' CPU (repeatable)",
    )
    p.add_argument("--server-cpu", type=float, default=1.0, help="seconds of server CPU a saturated phase aims at")
    p.add_argument("--paced", type=float, default=0.0, help="seconds of paced publishing")
    p.add_argument("--rate", type=float, default=100.0, help="bars per second (paced)")
    p.add_argument("--paced-batch", type=int, default=1, help="bars per POST (paced)")
    p.add_argument("--fill", type=int, default=0, help="bars of the fill burst")
    p.add_argument("--fill-symbol", default="SLOW")
    p.add_argument("--fill-batch", type=int, default=500)
    p.add_argument("--fill-seconds", type=float, default=10.0, help="no fill POST starts after this")
    p.add_argument("--settle", type=float, default=0.5, help="seconds between the fill and the main phase")
    p.add_argument("--post-timeout", type=float, default=1.0)
    p.add_argument("--grace", type=float, default=1.0, help="seconds past the paced phase a late POST may start")
    args = p.parse_args()
    if not (args.saturated or args.paced):
        p.error("one of --saturated or --paced is required")
    result = uvloop.run(run(args))
    sys.stdout.write(orjson.dumps(result).decode() + "\n")


if __name__ == "__main__":
    main()
