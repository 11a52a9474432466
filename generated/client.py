# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: 2643ac795f1261bdc1787d0ac13bc38b7ecc69dc22ce17cda7f3463f1f0006e0  generator: codegen 1.0.0
"""Typed asyncio client of Trading WebSockets: one method per client -> server
operation and one subscription per topic, on top of the reconnecting runtime.

    async with TradingWebSocketsClient("ws://localhost:8000/api/v1/ws") as client:
        async with client.subscribe_bars(...) as updates:
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
    BarsSubscribeMessage,
    BarsUnsubscribeMessage,
    SubscribeMessage,
    UnsubscribeMessage,
    PingMessage,
    BarsSubscribeResponseMessage,
    BarsUnsubscribeResponseMessage,
    BarsUpdateMessage,
    SubscribeResponseMessage,
    UnsubscribeResponseMessage,
    SubscriptionResetMessage,
    PongMessage,
    ErrorMessage,
    Bar,
    BarsTopic,
    Epoch,
    ErrorPayload,
    Seq,
    SubscribeTopics,
    SubscriptionRequest,
    SubscriptionResetPayload,
    SubscriptionResponse,
    TopicResults,
    UnsubscribeTopics,
)
from .protocol import HEARTBEAT_INTERVAL, bars_topic_of

__all__ = [
    "TradingWebSocketsClient",
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


class TradingWebSocketsClient(ClientRuntime):
    """Client of `ws://localhost:8000/api/v1/ws`; reconnects and resubscribes by itself."""

    def __init__(self, url: str = "ws://localhost:8000/api/v1/ws", **options: Any) -> None:
        options.setdefault("keepalive_interval", HEARTBEAT_INTERVAL / 3)
        options.setdefault("ping_frame", _encode(PingMessage()))
        options.setdefault("ping_reply", "pong")
        super().__init__(url, **options)

    async def bars_subscribe(self, payload: SubscriptionRequest) -> SubscriptionResponse:
        """`bars.subscribe`: Start receiving `bars.update` for one symbol and resolution."""
        frame = _encode(BarsSubscribeMessage(payload=payload))
        reply = await self.request(frame, "bars.subscribe.response")
        return BarsSubscribeResponseMessage.model_validate(reply).payload

    async def bars_unsubscribe(self, payload: SubscriptionRequest) -> SubscriptionResponse:
        """`bars.unsubscribe`: Stop receiving `bars.update` for one symbol and resolution."""
        frame = _encode(BarsUnsubscribeMessage(payload=payload))
        reply = await self.request(frame, "bars.unsubscribe.response")
        return BarsUnsubscribeResponseMessage.model_validate(reply).payload

    async def subscribe(self, payload: SubscribeTopics) -> TopicResults:
        """`subscribe`: Subscribe to several topics of any families at once, resuming each where it was."""
        frame = _encode(SubscribeMessage(payload=payload))
        reply = await self.request(frame, "subscribe.response")
        return SubscribeResponseMessage.model_validate(reply).payload

    async def unsubscribe(self, payload: UnsubscribeTopics) -> TopicResults:
        """`unsubscribe`: Stop receiving several topics at once."""
        frame = _encode(UnsubscribeMessage(payload=payload))
        reply = await self.request(frame, "unsubscribe.response")
        return UnsubscribeResponseMessage.model_validate(reply).payload

    async def ping(self) -> None:
        """`ping`: Keeps an idle connection alive; answered by `pong`."""
        frame = _encode(PingMessage())
        await self.request(frame, "pong")

    def subscribe_bars(
        self, payload: SubscriptionRequest, *, maxsize: int = 10_000
    ) -> Subscription[Bar]:
        """Updates of topic `bars:{symbol}:{resolution}`, via `bars.subscribe` / `bars.unsubscribe`."""
        return Subscription(
            self,
            bars_topic_of(payload),
            parse=lambda frame: BarsUpdateMessage.model_validate(frame).payload,
            subscribe=lambda: self.bars_subscribe(payload),
            unsubscribe=lambda: self.bars_unsubscribe(payload),
            replay=(_encode(BarsSubscribeMessage(payload=payload)), "bars.subscribe.response"),
            maxsize=maxsize,
        )
