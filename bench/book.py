"""Order book upkeep, in process: what one change of a symbol's book costs the server.

    .venv/bin/python -m bench.book [--changes 20000] [--seconds 5] [--json]

A book of 100 price levels a side (prices on a 0.01 grid around 100.00, decimal strings as a
producer sends them), then a fixed, seeded sequence of changes as a market makes them: 1 to 4
levels a change, drawn near the top (how deep: exponential, mean 3 levels; one side or both),
each either a new size of a level, a removal ("0", a third of the touched levels that exist)
or a new level where there was none. Levels far from the top are rarely touched, so the book
stays ~95 levels deep a side and the depth-50 view is always full. The depths 10, 25 and 50 are
all followed, as when each has subscribers. Scenarios, each over the same changes, each on a
fresh book:

- `book`: app.pubsub.books.Book alone: `apply(time, bids, asks)`, then `update(depth)` for
  each depth (the view's changed levels and its checksum). Also timed per part.
- `derived`: app.pubsub.derived.Books.apply (the path a published change takes in one
  process), holding the three depths (`snapshot` once each) on a Hub without subscribers: the
  book, every depth's update and checksum, and the framing of each (JSON, the WebSocket frame).
- `derived_subscribed`: the same with --subscribers (3) subscribers a depth that only count
  what they are handed: the hub's hand-over on top (a real connection's write is per
  subscriber and measured by the fan-out rounds of `make bench`).
- `validate`: BookChanges.model_validate of each change (what POST /api/v1/publish checks
  before a change reaches the book), for scale.

Every figure is µs of wall time per change (one process, garbage collection on, as in the
server), mean over the changes after --warmup; p50 / p99 of the per-change times too. Bounded:
at most --changes changes and --seconds per scenario. `make bench` runs it (bench/run.py) and
prints its row; alone it prints a short report, or the JSON with --json.
"""

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from app.pubsub.books import Book
from app.pubsub.derived import Books
from app.pubsub.hub import Hub
from app.pubsub.topic_log import Position
from app.transport.framing import OutFrame
from generated.families import FAMILIES
from generated.models import BookChanges

DEPTHS = (10, 25, 50)
LEVELS = 100  # a side, at the start
MID = 10_000  # cents: bids 99.99 and down, asks 100.01 and up
SYMBOL = "BOOK"
EPOCH = "b00kbe4c"

Change = tuple[list[list[str]], list[list[str]]]  # bids, asks


def price(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def size(rng: random.Random) -> str:
    """A lot size as a producer writes it: 1 to 500, sometimes with a fraction."""
    lots = rng.randint(1, 50_000)
    return str(lots // 100) if lots % 3 else f"{lots // 100}.{lots % 100:02d}".rstrip("0").rstrip(".")


def market(changes: int, seed: int = 12) -> tuple[Change, list[Change]]:
    """The starting book (every level of both sides) and `changes` changes of it."""
    rng = random.Random(seed)
    prices = ([price(MID - 1 - k) for k in range(LEVELS)], [price(MID + 1 + k) for k in range(LEVELS)])
    present = [set(range(LEVELS)), set(range(LEVELS))]
    start: Change = ([[p, size(rng)] for p in prices[0]], [[p, size(rng)] for p in prices[1]])
    out: list[Change] = []
    for _ in range(changes):
        touched: tuple[dict[str, str], dict[str, str]] = ({}, {})
        for _ in range(rng.randint(1, 4)):
            side = rng.randrange(2)
            k = min(int(rng.expovariate(1 / 3)), LEVELS - 1)
            if k in present[side] and rng.random() < 1 / 3:
                present[side].discard(k)
                touched[side][prices[side][k]] = "0"
            else:
                present[side].add(k)
                touched[side][prices[side][k]] = size(rng)
        out.append(([[p, s] for p, s in touched[0].items()], [[p, s] for p, s in touched[1].items()]))
    return start, out


class Counting:
    """A subscriber that only counts what the hub hands it."""

    def __init__(self) -> None:
        self.frames = 0
        self.bytes = 0

    def send(self, frame: OutFrame) -> None:
        self.frames += 1
        self.bytes += len(frame.wire)


def timed(step: Callable[[int], object], n: int, warmup: int, seconds: float) -> dict[str, Any]:
    """Run step(0..n-1) (stopping after `seconds`); µs per step after the warm-up."""
    clock = time.perf_counter_ns
    times: list[int] = []
    deadline = clock() + int(seconds * 1e9)
    t_all = clock()
    for i in range(n):
        t0 = clock()
        step(i)
        t1 = clock()
        if i >= warmup:
            times.append(t1 - t0)
        if t1 > deadline:
            break
    wall = clock() - t_all
    times.sort()
    done = len(times)
    return {
        "changes": done,
        "mean_us": round(sum(times) / done / 1000, 2) if done else None,
        "p50_us": round(times[done // 2] / 1000, 2) if done else None,
        "p99_us": round(times[min(done - 1, int(done * 0.99))] / 1000, 2) if done else None,
        "wall_s": round(wall / 1e9, 3),
    }


def bench_book(start: Change, changes: list[Change], warmup: int, seconds: float) -> dict[str, Any]:
    book = Book()
    book.apply(0, *start)
    for depth in DEPTHS:
        book.snapshot(depth)  # followed from here on
    parts = {"apply": 0, **{f"update_{d}": 0 for d in DEPTHS}}
    levels_sent = dict.fromkeys(DEPTHS, 0)
    clock = time.perf_counter_ns

    def step(i: int) -> None:
        bids, asks = changes[i]
        t0 = clock()
        book.apply(i + 1, bids, asks)
        t = clock()
        if i >= warmup:
            parts["apply"] += t - t0
        for depth in DEPTHS:
            message = book.update(depth)
            t1 = clock()
            if i >= warmup:
                parts[f"update_{depth}"] += t1 - t
                levels_sent[depth] += len(message.bids) + len(message.asks)
            t = t1

    out = timed(step, len(changes), warmup, seconds)
    done = out["changes"] or 1
    out["parts_us"] = {k: round(v / done / 1000, 2) for k, v in parts.items()}
    out["levels_sent_per_update"] = {d: round(n / done, 2) for d, n in levels_sent.items()}
    out["levels_at_end"] = {"bids": len(book.bids), "asks": len(book.asks)}
    return out


def bench_derived(
    start: Change, changes: list[Change], warmup: int, seconds: float, subscribers: int
) -> dict[str, Any]:
    family = FAMILIES["orderbook"]
    source = f"orderbook:{SYMBOL}"
    hub = Hub()
    books = Books(hub)
    books.apply(family, source, Position(1, EPOCH), BookChanges(time=0, bids=start[0], asks=start[1]))
    sinks = [Counting() for _ in range(subscribers * len(DEPTHS))]
    for j, depth in enumerate(DEPTHS):
        topic = f"orderbook:{SYMBOL}:{depth}"
        params = family.parse(topic)
        assert params is not None
        books.snapshot(family, topic, params, Position(1, EPOCH))
        for sink in sinks[j * subscribers : (j + 1) * subscribers]:
            hub.subscribe(topic, sink)
    models = [BookChanges(time=i + 1, bids=bids, asks=asks) for i, (bids, asks) in enumerate(changes)]

    def step(i: int) -> None:
        books.apply(family, source, Position(i + 2, EPOCH), models[i])

    out = timed(step, len(models), warmup, seconds)
    if sinks:
        frames = sum(s.frames for s in sinks)
        out["frame_bytes_mean"] = round(sum(s.bytes for s in sinks) / frames) if frames else None
    return out


def bench_validate(changes: list[Change], warmup: int, seconds: float) -> dict[str, Any]:
    raw = [{"time": i + 1, "bids": bids, "asks": asks} for i, (bids, asks) in enumerate(changes)]
    return timed(lambda i: BookChanges.model_validate(raw[i]), len(raw), warmup, seconds)


def run(changes: int, warmup: int, seconds: float, subscribers: int) -> dict[str, Any]:
    start, sequence = market(changes + warmup)
    touched = sum(len(b) + len(a) for b, a in sequence) / len(sequence)
    return {
        "depths": list(DEPTHS),
        "levels_per_side": LEVELS,
        "levels_per_change": round(touched, 2),
        "subscribers_per_depth": subscribers,
        "book": bench_book(start, sequence, warmup, seconds),
        "derived": bench_derived(start, sequence, warmup, seconds, 0),
        "derived_subscribed": bench_derived(start, sequence, warmup, seconds, subscribers),
        "validate": bench_validate(sequence, warmup, seconds),
    }


def report(r: dict[str, Any]) -> str:
    b = r["book"]
    lines = [
        f"order book upkeep: {r['levels_per_side']} levels a side to start, {r['levels_per_change']} levels a change, "
        f"depths {' + '.join(map(str, r['depths']))} followed; µs per change (mean / p50 / p99)",
    ]
    for key, label in (
        ("book", "Book.apply + update x3 (checksums)"),
        ("derived", "Books.apply, hub without subscribers (+ framing)"),
        ("derived_subscribed", f"Books.apply, {r['subscribers_per_depth']} subscribers a depth"),
        ("validate", "BookChanges.model_validate (the publish check)"),
    ):
        x = r[key]
        figures = f"{x['mean_us']:8.2f} {x['p50_us']:8.2f} {x['p99_us']:8.2f}"
        lines.append(f"  {label:52} {figures}  ({x['changes']:,} changes)")
    parts = ", ".join(f"{k} {v:.2f}" for k, v in b["parts_us"].items())
    sent = ", ".join(f"{d}: {n}" for d, n in b["levels_sent_per_update"].items())
    lines.append(f"  Book parts (µs): {parts}")
    lines.append(f"  levels per update sent, by depth: {sent}; book at the end: {b['levels_at_end']}")
    if r["derived_subscribed"].get("frame_bytes_mean"):
        lines.append(f"  update frame: {r['derived_subscribed']['frame_bytes_mean']} bytes on average")
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--changes", type=int, default=20_000, help="changes timed per scenario (at most)")
    p.add_argument("--warmup", type=int, default=500, help="changes before the timed ones")
    p.add_argument("--seconds", type=float, default=5.0, help="bound on each scenario's time")
    p.add_argument("--subscribers", type=int, default=3, help="counting subscribers a depth, derived_subscribed")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    a = p.parse_args()
    result = run(a.changes, a.warmup, a.seconds, a.subscribers)
    sys.stdout.write((json.dumps(result) if a.json else report(result)) + "\n")


if __name__ == "__main__":
    main()
