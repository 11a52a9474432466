# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: 26730760e365b3ec81b307d4bc00c64e9b411c9f2524e27e7fc7996c2f18d694  generator: codegen 1.0.0
"""Typed asyncio client of Trading WebSockets: one method per client -> server
operation and one subscription per topic, on top of the reconnecting runtime.

    async with TradingWebSocketsClient("ws://localhost:8000/api/v1/ws") as client:
        async with client.subscribe_bars(...) as updates:
            async for item in updates:
                ...
        async with client.subscribe_quotes(...) as updates:
            async for item in updates:
                ...
        async with client.subscribe_trades(...) as updates:
            async for item in updates:
                ...
        async with client.subscribe_orderbook(...) as updates:
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
    QuotesSubscribeMessage,
    QuotesUnsubscribeMessage,
    TradesSubscribeMessage,
    TradesUnsubscribeMessage,
    OrderbookSubscribeMessage,
    OrderbookUnsubscribeMessage,
    SubscribeMessage,
    UnsubscribeMessage,
    PingMessage,
    BarsSubscribeResponseMessage,
    BarsUnsubscribeResponseMessage,
    BarsUpdateMessage,
    QuotesSubscribeResponseMessage,
    QuotesUnsubscribeResponseMessage,
    QuotesUpdateMessage,
    TradesSubscribeResponseMessage,
    TradesUnsubscribeResponseMessage,
    TradesUpdateMessage,
    OrderbookSubscribeResponseMessage,
    OrderbookUnsubscribeResponseMessage,
    OrderbookSnapshotMessage,
    OrderbookUpdateMessage,
    SubscribeResponseMessage,
    UnsubscribeResponseMessage,
    SubscriptionResetMessage,
    PongMessage,
    ErrorMessage,
    Bar,
    BarsTopic,
    BookRequest,
    BookView,
    Epoch,
    ErrorPayload,
    Quote,
    Seq,
    SubscribeTopics,
    SubscriptionRequest,
    SubscriptionResetPayload,
    SubscriptionResponse,
    SymbolRequest,
    Topic,
    TopicResults,
    Trades,
    UnsubscribeTopics,
)
from .protocol import (
    HEARTBEAT_INTERVAL,
    bars_topic_of,
    quotes_topic_of,
    trades_topic_of,
    orderbook_topic_of,
)

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

    async def quotes_subscribe(self, payload: SymbolRequest) -> SubscriptionResponse:
        """`quotes.subscribe`: Start receiving the best bid and ask of a symbol."""
        frame = _encode(QuotesSubscribeMessage(payload=payload))
        reply = await self.request(frame, "quotes.subscribe.response")
        return QuotesSubscribeResponseMessage.model_validate(reply).payload

    async def quotes_unsubscribe(self, payload: SymbolRequest) -> SubscriptionResponse:
        """`quotes.unsubscribe`: Stop receiving the best bid and ask of a symbol."""
        frame = _encode(QuotesUnsubscribeMessage(payload=payload))
        reply = await self.request(frame, "quotes.unsubscribe.response")
        return QuotesUnsubscribeResponseMessage.model_validate(reply).payload

    async def trades_subscribe(self, payload: SymbolRequest) -> SubscriptionResponse:
        """`trades.subscribe`: Start receiving every trade of a symbol."""
        frame = _encode(TradesSubscribeMessage(payload=payload))
        reply = await self.request(frame, "trades.subscribe.response")
        return TradesSubscribeResponseMessage.model_validate(reply).payload

    async def trades_unsubscribe(self, payload: SymbolRequest) -> SubscriptionResponse:
        """`trades.unsubscribe`: Stop receiving every trade of a symbol."""
        frame = _encode(TradesUnsubscribeMessage(payload=payload))
        reply = await self.request(frame, "trades.unsubscribe.response")
        return TradesUnsubscribeResponseMessage.model_validate(reply).payload

    async def orderbook_subscribe(self, payload: BookRequest) -> SubscriptionResponse:
        """`orderbook.subscribe`: Start receiving a symbol's order book at a depth."""
        frame = _encode(OrderbookSubscribeMessage(payload=payload))
        reply = await self.request(frame, "orderbook.subscribe.response")
        return OrderbookSubscribeResponseMessage.model_validate(reply).payload

    async def orderbook_unsubscribe(self, payload: BookRequest) -> SubscriptionResponse:
        """`orderbook.unsubscribe`: Stop receiving a symbol's order book at a depth."""
        frame = _encode(OrderbookUnsubscribeMessage(payload=payload))
        reply = await self.request(frame, "orderbook.unsubscribe.response")
        return OrderbookUnsubscribeResponseMessage.model_validate(reply).payload

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

    def subscribe_quotes(
        self, payload: SymbolRequest, *, maxsize: int = 10_000
    ) -> Subscription[Quote]:
        """Updates of topic `quotes:{symbol}`, via `quotes.subscribe` / `quotes.unsubscribe`."""
        return Subscription(
            self,
            quotes_topic_of(payload),
            parse=lambda frame: QuotesUpdateMessage.model_validate(frame).payload,
            subscribe=lambda: self.quotes_subscribe(payload),
            unsubscribe=lambda: self.quotes_unsubscribe(payload),
            replay=(_encode(QuotesSubscribeMessage(payload=payload)), "quotes.subscribe.response"),
            maxsize=maxsize,
        )

    def subscribe_trades(
        self, payload: SymbolRequest, *, maxsize: int = 10_000
    ) -> Subscription[Trades]:
        """Updates of topic `trades:{symbol}`, via `trades.subscribe` / `trades.unsubscribe`."""
        return Subscription(
            self,
            trades_topic_of(payload),
            parse=lambda frame: TradesUpdateMessage.model_validate(frame).payload,
            subscribe=lambda: self.trades_subscribe(payload),
            unsubscribe=lambda: self.trades_unsubscribe(payload),
            replay=(_encode(TradesSubscribeMessage(payload=payload)), "trades.subscribe.response"),
            maxsize=maxsize,
        )

    def subscribe_orderbook(
        self, payload: BookRequest, *, maxsize: int = 10_000
    ) -> Subscription[BookView]:
        """Updates of topic `orderbook:{symbol}:{depth}`, via `orderbook.subscribe` / `orderbook.unsubscribe`."""
        return Subscription(
            self,
            orderbook_topic_of(payload),
            # A snapshot (first, and in place of what a lagging client missed) and updates alike.
            parse=lambda frame: (
                (
                    OrderbookSnapshotMessage
                    if frame.get("type") == "orderbook.snapshot"
                    else OrderbookUpdateMessage
                )
                .model_validate(frame)
                .payload
            ),
            subscribe=lambda: self.orderbook_subscribe(payload),
            unsubscribe=lambda: self.orderbook_unsubscribe(payload),
            replay=(
                _encode(OrderbookSubscribeMessage(payload=payload)),
                "orderbook.subscribe.response",
            ),
            maxsize=maxsize,
        )
