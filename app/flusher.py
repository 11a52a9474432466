"""Coalesces writes: frames queued for a connection during one event-loop tick leave in one write.

Publishing appends a frame to each subscriber's pending list and marks the subscriber dirty;
once per tick the flusher hands every dirty connection its frames in one call. Under load this
turns many publishes into one system call per client, which is where a loopback fan-out's CPU
goes (see shared/design/performance.md). Replies and updates share the same pending list, so
a client sees them in exactly the order they were queued.
"""

import asyncio
from typing import Protocol


class Flushable(Protocol):
    def flush(self) -> None: ...


class Flusher:
    __slots__ = ("_dirty", "_scheduled")

    def __init__(self) -> None:
        self._dirty: list[Flushable] = []
        self._scheduled = False

    def mark(self, connection: Flushable) -> None:
        """`connection` has frames pending; flush it at the end of this tick."""
        self._dirty.append(connection)
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self.flush)

    def flush(self) -> None:
        dirty, self._dirty = self._dirty, []
        self._scheduled = False
        for connection in dirty:
            connection.flush()
