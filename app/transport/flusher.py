"""Coalesces writes: frames queued for a connection during one event-loop tick leave in one write.

Publishing appends a frame to each subscriber's pending list and marks the subscriber dirty;
once per tick the flusher hands every dirty connection its frames in one call. Under load this
turns many publishes into one system call per client, which is where a loopback fan-out's CPU
goes (see shared/design/performance.md). Replies and updates share the same pending list, so
a client sees them in exactly the order they were queued.
"""

import asyncio
import time
from collections.abc import Callable
from typing import Protocol


class Flushable(Protocol):
    def flush(self) -> None: ...


class Flusher:
    __slots__ = ("_dirty", "_observe", "_since")

    def __init__(self, observe: Callable[[float], None] | None = None) -> None:
        self._dirty: list[Flushable] = []
        self._since: float | None = None  # when the tick's first frame was queued
        self._observe = observe  # gets the seconds from then to the last write, once per tick

    def mark(self, connection: Flushable) -> None:
        """`connection` has frames pending; flush it at the end of this tick."""
        self._dirty.append(connection)
        if self._since is None:
            self._since = time.perf_counter()
            asyncio.get_running_loop().call_soon(self.flush)

    def flush(self) -> None:
        dirty, self._dirty = self._dirty, []
        since, self._since = self._since, None
        for connection in dirty:
            connection.flush()
        if self._observe is not None and since is not None:
            self._observe(time.perf_counter() - since)
