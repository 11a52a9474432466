"""`memory://`: the broker of a single process (the default).

Nothing outside the process can publish or listen here, so the app runs its hub alone and
publishing stays one synchronous fan-out with no hop (`local = True`). The class still
implements the whole interface, like broadcaster's memory backend, so the relay between a hub
and a broker can be exercised in-process (tests/redis/test_relay.py). Its history follows
the rule of the Redis broker's (app/pubsub/rings.py).
"""

import asyncio
from collections.abc import AsyncIterator, Sequence

from app.pubsub.broker.base import StateListener, bar_time
from app.pubsub.rings import BarRings


class MemoryBroker:
    local = True

    def __init__(self, url: str = "memory://", *, history_size: int = 1000) -> None:
        self.url = url
        self._channels: set[str] = set()
        self._last: dict[str, bytes] = {}
        self._history = BarRings(history_size, max_topics=10_000)
        self._queue: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue()

    @property
    def healthy(self) -> bool:
        return True

    async def connect(self) -> None:
        pass

    async def disconnect(self) -> None:
        pass

    def subscribe(self, channel: str) -> asyncio.Future[None]:
        self._channels.add(channel)
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done

    def unsubscribe(self, channel: str) -> None:
        self._channels.discard(channel)

    async def publish(self, channel: str, *messages: bytes) -> None:
        if not messages:
            return
        self._last[channel] = messages[-1]
        for message in messages:
            self._add_to_history(channel, message)
        if channel in self._channels:
            for message in messages:
                self._queue.put_nowait((channel, message))

    async def last(self, channels: Sequence[str]) -> list[bytes | None]:
        return [self._last.get(channel) for channel in channels]

    async def history(self, channel: str, limit: int) -> list[bytes]:
        return self._history.newest(channel, limit)

    def keep(self, channel: str, message: bytes) -> None:
        self._add_to_history(channel, message)

    def _add_to_history(self, channel: str, message: bytes) -> None:
        time = bar_time(message)
        if time is not None:
            self._history.add(channel, time, message)

    async def barrier(self) -> None:
        await self._queue.join()

    async def messages(self) -> AsyncIterator[tuple[str, bytes]]:
        while True:
            channel, message = await self._queue.get()
            try:
                if channel in self._channels:
                    yield channel, message
            finally:
                self._queue.task_done()  # the consumer has handled it: barrier() may pass

    def add_state_listener(self, listener: StateListener) -> None:
        pass  # never down
