# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# body-sha256: a7bfffacfa54a191deae06fd9f1b3b6545b9bacdd0e218ff74bda1df0d50f1a6  generator: codegen 1.0.0
"""Typed asyncio client of Quotes: one method per client -> server
operation and one subscription per topic, on top of the reconnecting runtime.

    async with QuotesClient("ws://localhost:9000/ws") as client:
        async with client.subscribe_quotes(...) as updates:
            async for item in updates:
                ...
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from .client_runtime import (
    ClientRuntime,
    ConnectionState,
    InvalidFrame,
    JsonObject,
    ReplyTimeout,
    ServerError,
)
from .models import (
    WatchMessage,
    UnwatchMessage,
    HelloMessage,
    WatchedMessage,
    UnwatchedMessage,
    TickMessage,
    WelcomeMessage,
    JsonInt,
    Quote,
    WatchOutcome,
    WatchRequest,
)
from .protocol import HEARTBEAT_INTERVAL, quotes_topic_of

__all__ = [
    "QuotesClient",
    "ConnectionState",
    "InvalidFrame",
    "ReplyTimeout",
    "ServerError",
    "Subscription",
]

T = TypeVar("T")


def _encode(message: Any) -> bytes:
    return message.__pydantic_serializer__.to_json(message, exclude_none=True)  # type: ignore[no-any-return]


class Subscription(Generic[T]):
    """The updates of one topic, as an async iterator inside `async with`. Holds at most
    `maxsize` unread updates; past that the oldest is dropped (the latest value wins)."""

    def __init__(
        self,
        client: ClientRuntime,
        topic: str,
        parse: Callable[[JsonObject], T],
        subscribe: Callable[[], Awaitable[Any]],
        unsubscribe: Callable[[], Awaitable[Any]],
        replay: tuple[bytes, str | None],
        maxsize: int,
    ) -> None:
        self.client, self.topic, self._parse = client, topic, parse
        self._subscribe, self._unsubscribe, self._replay = subscribe, unsubscribe, replay
        self._queue: asyncio.Queue[T] = asyncio.Queue(maxsize)
        self.dropped = 0
        self.reply: Any = None

    async def __aenter__(self) -> "Subscription[T]":
        # Listen first so no update that follows the reply is missed.
        self.client.listen(self.topic, self._on_update, self._replay)
        try:
            self.reply = await self._subscribe()
        except BaseException:
            # __aexit__ will not run: forget the topic, or every reconnect would resubscribe it.
            self.client.unlisten(self.topic, self._on_update)
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        if (
            self.client.unlisten(self.topic, self._on_update)
            and self.client.state is ConnectionState.CONNECTED
        ):
            await self._unsubscribe()

    def __aiter__(self) -> "Subscription[T]":
        return self

    async def __anext__(self) -> T:
        return await self._queue.get()

    async def get(self, timeout: float | None = None) -> T:
        """The next update, waiting at most `timeout` seconds."""
        return await asyncio.wait_for(self._queue.get(), timeout)

    def _on_update(self, frame: JsonObject) -> None:
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped += 1
        self._queue.put_nowait(self._parse(frame))


class QuotesClient(ClientRuntime):
    """Client of `ws://localhost:9000/ws`; reconnects and resubscribes by itself."""

    def __init__(self, url: str = "ws://localhost:9000/ws", **options: Any) -> None:
        super().__init__(url, **options)

    async def quotes_watch(self, payload: WatchRequest) -> WatchOutcome:
        """`quotes.watch`: Start a quote stream."""
        frame = _encode(WatchMessage(payload=payload))
        reply = await self.request(frame, "quotes.watched")
        return WatchedMessage.model_validate(reply).payload

    async def quotes_unwatch(self, payload: WatchRequest) -> WatchOutcome:
        """`quotes.unwatch`: Stop a quote stream."""
        frame = _encode(UnwatchMessage(payload=payload))
        reply = await self.request(frame, "quotes.unwatched")
        return UnwatchedMessage.model_validate(reply).payload

    async def hello(self) -> None:
        """`hello`: Greets the server."""
        frame = _encode(HelloMessage())
        await self.request(frame, "welcome")

    def subscribe_quotes(
        self, payload: WatchRequest, *, maxsize: int = 10_000
    ) -> Subscription[Quote]:
        """Updates of topic `quotes:{symbol}:{venue}`, via `quotes.watch` / `quotes.unwatch`."""
        return Subscription(
            self,
            quotes_topic_of(payload),
            parse=lambda frame: TickMessage.model_validate(frame).payload,
            subscribe=lambda: self.quotes_watch(payload),
            unsubscribe=lambda: self.quotes_unwatch(payload),
            replay=(_encode(WatchMessage(payload=payload)), "quotes.watched"),
            maxsize=maxsize,
        )
