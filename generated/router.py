# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: 72a6460a0ca03b90d50b48934bfc4c2c1d8ccf6fc03cad71169368b308100552  generator: codegen 1.0.0
"""The operation router of Trading WebSockets: the handler interface the service
implements, the dispatch table from message type to handler, frame decoding and typed senders."""

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any, Generic, NamedTuple, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from .families import BARS, QUOTES, TRADES, ORDERBOOK, Family, TopicOutcome
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
    ClientMessage,
    ServerMessage,
)

ContextT = TypeVar("ContextT")


class Handlers(ABC, Generic[ContextT]):
    """One method per client -> server operation; `ctx` is whatever the service passes along
    (typically the connection). A returned payload is wrapped in the operation's reply. The
    channel families' own subscribe and unsubscribe messages all go to `join_topic` and
    `leave_topic`, so a new family needs no handler."""

    @abstractmethod
    async def join_topic(self, ctx: ContextT, family: Family, payload: Any) -> TopicOutcome:
        """A family's subscribe message (`bars.subscribe`, `quotes.subscribe`, `trades.subscribe`, `orderbook.subscribe`) with its payload."""

    @abstractmethod
    async def leave_topic(self, ctx: ContextT, family: Family, payload: Any) -> TopicOutcome:
        """A family's unsubscribe message (`bars.unsubscribe`, `quotes.unsubscribe`, `trades.unsubscribe`, `orderbook.unsubscribe`) with its payload."""

    @abstractmethod
    async def subscribe(self, ctx: ContextT, payload: SubscribeTopics) -> TopicResults:
        """`subscribe` -> `subscribe.response`: Subscribe to several topics of any families at once, resuming each where it was."""

    @abstractmethod
    async def unsubscribe(self, ctx: ContextT, payload: UnsubscribeTopics) -> TopicResults:
        """`unsubscribe` -> `unsubscribe.response`: Stop receiving several topics at once."""

    @abstractmethod
    async def ping(self, ctx: ContextT) -> None:
        """`ping` -> `pong`: Keeps an idle connection alive; answered by `pong`."""


Invoke = Callable[[Handlers[Any], Any, Any], Awaitable[ServerMessage | None]]


class Route(NamedTuple):
    """How one client message type is validated, handled and answered."""

    model: type[BaseModel]
    invoke: Invoke
    reply: str | None


async def _bars_subscribe(
    handlers: Handlers[Any], ctx: Any, message: BarsSubscribeMessage
) -> ServerMessage | None:
    outcome = await handlers.join_topic(ctx, BARS, message.payload)
    reply = SubscriptionResponse(
        status=outcome.status,
        symbol=message.payload.symbol,
        message=outcome.message,
        topic=outcome.topic,
    )
    if outcome.code is not None:
        reply.code = outcome.code
    return BarsSubscribeResponseMessage(payload=reply)


async def _bars_unsubscribe(
    handlers: Handlers[Any], ctx: Any, message: BarsUnsubscribeMessage
) -> ServerMessage | None:
    outcome = await handlers.leave_topic(ctx, BARS, message.payload)
    reply = SubscriptionResponse(
        status=outcome.status,
        symbol=message.payload.symbol,
        message=outcome.message,
        topic=outcome.topic,
    )
    if outcome.code is not None:
        reply.code = outcome.code
    return BarsUnsubscribeResponseMessage(payload=reply)


async def _quotes_subscribe(
    handlers: Handlers[Any], ctx: Any, message: QuotesSubscribeMessage
) -> ServerMessage | None:
    outcome = await handlers.join_topic(ctx, QUOTES, message.payload)
    reply = SubscriptionResponse(
        status=outcome.status,
        symbol=message.payload.symbol,
        message=outcome.message,
        topic=outcome.topic,
    )
    if outcome.code is not None:
        reply.code = outcome.code
    return QuotesSubscribeResponseMessage(payload=reply)


async def _quotes_unsubscribe(
    handlers: Handlers[Any], ctx: Any, message: QuotesUnsubscribeMessage
) -> ServerMessage | None:
    outcome = await handlers.leave_topic(ctx, QUOTES, message.payload)
    reply = SubscriptionResponse(
        status=outcome.status,
        symbol=message.payload.symbol,
        message=outcome.message,
        topic=outcome.topic,
    )
    if outcome.code is not None:
        reply.code = outcome.code
    return QuotesUnsubscribeResponseMessage(payload=reply)


async def _trades_subscribe(
    handlers: Handlers[Any], ctx: Any, message: TradesSubscribeMessage
) -> ServerMessage | None:
    outcome = await handlers.join_topic(ctx, TRADES, message.payload)
    reply = SubscriptionResponse(
        status=outcome.status,
        symbol=message.payload.symbol,
        message=outcome.message,
        topic=outcome.topic,
    )
    if outcome.code is not None:
        reply.code = outcome.code
    return TradesSubscribeResponseMessage(payload=reply)


async def _trades_unsubscribe(
    handlers: Handlers[Any], ctx: Any, message: TradesUnsubscribeMessage
) -> ServerMessage | None:
    outcome = await handlers.leave_topic(ctx, TRADES, message.payload)
    reply = SubscriptionResponse(
        status=outcome.status,
        symbol=message.payload.symbol,
        message=outcome.message,
        topic=outcome.topic,
    )
    if outcome.code is not None:
        reply.code = outcome.code
    return TradesUnsubscribeResponseMessage(payload=reply)


async def _orderbook_subscribe(
    handlers: Handlers[Any], ctx: Any, message: OrderbookSubscribeMessage
) -> ServerMessage | None:
    outcome = await handlers.join_topic(ctx, ORDERBOOK, message.payload)
    reply = SubscriptionResponse(
        status=outcome.status,
        symbol=message.payload.symbol,
        message=outcome.message,
        topic=outcome.topic,
    )
    if outcome.code is not None:
        reply.code = outcome.code
    return OrderbookSubscribeResponseMessage(payload=reply)


async def _orderbook_unsubscribe(
    handlers: Handlers[Any], ctx: Any, message: OrderbookUnsubscribeMessage
) -> ServerMessage | None:
    outcome = await handlers.leave_topic(ctx, ORDERBOOK, message.payload)
    reply = SubscriptionResponse(
        status=outcome.status,
        symbol=message.payload.symbol,
        message=outcome.message,
        topic=outcome.topic,
    )
    if outcome.code is not None:
        reply.code = outcome.code
    return OrderbookUnsubscribeResponseMessage(payload=reply)


async def _subscribe(
    handlers: Handlers[Any], ctx: Any, message: SubscribeMessage
) -> ServerMessage | None:
    return SubscribeResponseMessage(payload=await handlers.subscribe(ctx, message.payload))


async def _unsubscribe(
    handlers: Handlers[Any], ctx: Any, message: UnsubscribeMessage
) -> ServerMessage | None:
    return UnsubscribeResponseMessage(payload=await handlers.unsubscribe(ctx, message.payload))


async def _ping(handlers: Handlers[Any], ctx: Any, message: PingMessage) -> ServerMessage | None:
    await handlers.ping(ctx)
    return PongMessage()


ROUTES: dict[str, Route] = {
    "bars.subscribe": Route(BarsSubscribeMessage, _bars_subscribe, "bars.subscribe.response"),
    "bars.unsubscribe": Route(
        BarsUnsubscribeMessage, _bars_unsubscribe, "bars.unsubscribe.response"
    ),
    "quotes.subscribe": Route(
        QuotesSubscribeMessage, _quotes_subscribe, "quotes.subscribe.response"
    ),
    "quotes.unsubscribe": Route(
        QuotesUnsubscribeMessage, _quotes_unsubscribe, "quotes.unsubscribe.response"
    ),
    "trades.subscribe": Route(
        TradesSubscribeMessage, _trades_subscribe, "trades.subscribe.response"
    ),
    "trades.unsubscribe": Route(
        TradesUnsubscribeMessage, _trades_unsubscribe, "trades.unsubscribe.response"
    ),
    "orderbook.subscribe": Route(
        OrderbookSubscribeMessage, _orderbook_subscribe, "orderbook.subscribe.response"
    ),
    "orderbook.unsubscribe": Route(
        OrderbookUnsubscribeMessage, _orderbook_unsubscribe, "orderbook.unsubscribe.response"
    ),
    "subscribe": Route(SubscribeMessage, _subscribe, "subscribe.response"),
    "unsubscribe": Route(UnsubscribeMessage, _unsubscribe, "unsubscribe.response"),
    "ping": Route(PingMessage, _ping, "pong"),
}
"""Client message type -> route; the data table that replaces an if/else chain."""


async def dispatch(
    handlers: Handlers[ContextT], ctx: ContextT, message: ClientMessage
) -> ServerMessage | None:
    """Run the handler of a decoded client message and return its reply, if it has one."""
    return await ROUTES[message.type].invoke(handlers, ctx, message)


class FrameError(Exception):
    """A client frame that cannot be accepted; `code` is an error code of the spec."""

    def __init__(
        self, code: str, message: str, errors: list[tuple[str, str]] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.errors = errors or []  # (JSON pointer into the frame, problem)


def json_pointer(loc: tuple[int | str, ...]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in loc)


def decode_client_frame(data: str | bytes) -> ClientMessage:
    """Parse and validate one text frame from a client, or raise FrameError."""
    try:
        frame = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise FrameError("invalid_json", f"The frame is not valid JSON: {exc}") from None
    if not isinstance(frame, dict):
        raise FrameError("invalid_frame", "A frame must be a JSON object with a `type`")
    kind = frame.get("type")
    route = ROUTES.get(kind) if isinstance(kind, str) else None
    if route is None:
        raise FrameError("unknown_type", f"No client message has type {kind!r}")
    try:
        message: ClientMessage = route.model.model_validate(frame)  # type: ignore[assignment]
    except ValidationError as exc:
        problems = [(json_pointer(e["loc"]), e["msg"]) for e in exc.errors(include_url=False)]
        raise FrameError("validation_error", "Could not validate payload", problems) from None
    return message


def encode(message: ServerMessage) -> bytes:
    """Serialize a server message to the bytes of one text frame."""
    return message.__pydantic_serializer__.to_json(message, exclude_none=True)


def bars_subscribe_response(payload: SubscriptionResponse) -> BarsSubscribeResponseMessage:
    """`bars.subscribe.response`: The outcome of `bars.subscribe`."""
    return BarsSubscribeResponseMessage(payload=payload)


def bars_unsubscribe_response(payload: SubscriptionResponse) -> BarsUnsubscribeResponseMessage:
    """`bars.unsubscribe.response`: The outcome of `bars.unsubscribe`."""
    return BarsUnsubscribeResponseMessage(payload=payload)


def bars_update(topic: BarsTopic, epoch: Epoch, seq: Seq, payload: Bar) -> BarsUpdateMessage:
    """`bars.update`: A new or changed bar of a subscribed topic."""
    return BarsUpdateMessage(topic=topic, epoch=epoch, seq=seq, payload=payload)


def quotes_subscribe_response(payload: SubscriptionResponse) -> QuotesSubscribeResponseMessage:
    """`quotes.subscribe.response`: The outcome of `quotes.subscribe`."""
    return QuotesSubscribeResponseMessage(payload=payload)


def quotes_unsubscribe_response(payload: SubscriptionResponse) -> QuotesUnsubscribeResponseMessage:
    """`quotes.unsubscribe.response`: The outcome of `quotes.unsubscribe`."""
    return QuotesUnsubscribeResponseMessage(payload=payload)


def quotes_update(topic: Topic, epoch: Epoch, seq: Seq, payload: Quote) -> QuotesUpdateMessage:
    """`quotes.update`: A new best bid and ask"""
    return QuotesUpdateMessage(topic=topic, epoch=epoch, seq=seq, payload=payload)


def trades_subscribe_response(payload: SubscriptionResponse) -> TradesSubscribeResponseMessage:
    """`trades.subscribe.response`: The outcome of `trades.subscribe`."""
    return TradesSubscribeResponseMessage(payload=payload)


def trades_unsubscribe_response(payload: SubscriptionResponse) -> TradesUnsubscribeResponseMessage:
    """`trades.unsubscribe.response`: The outcome of `trades.unsubscribe`."""
    return TradesUnsubscribeResponseMessage(payload=payload)


def trades_update(topic: Topic, epoch: Epoch, seq: Seq, payload: Trades) -> TradesUpdateMessage:
    """`trades.update`: New trades"""
    return TradesUpdateMessage(topic=topic, epoch=epoch, seq=seq, payload=payload)


def orderbook_subscribe_response(
    payload: SubscriptionResponse,
) -> OrderbookSubscribeResponseMessage:
    """`orderbook.subscribe.response`: The outcome of `orderbook.subscribe`."""
    return OrderbookSubscribeResponseMessage(payload=payload)


def orderbook_unsubscribe_response(
    payload: SubscriptionResponse,
) -> OrderbookUnsubscribeResponseMessage:
    """`orderbook.unsubscribe.response`: The outcome of `orderbook.unsubscribe`."""
    return OrderbookUnsubscribeResponseMessage(payload=payload)


def orderbook_snapshot(
    topic: Topic, epoch: Epoch, seq: Seq, payload: BookView
) -> OrderbookSnapshotMessage:
    """`orderbook.snapshot`: A whole book view"""
    return OrderbookSnapshotMessage(topic=topic, epoch=epoch, seq=seq, payload=payload)


def orderbook_update(
    topic: Topic, epoch: Epoch, seq: Seq, payload: BookView
) -> OrderbookUpdateMessage:
    """`orderbook.update`: Changed levels of a book view"""
    return OrderbookUpdateMessage(topic=topic, epoch=epoch, seq=seq, payload=payload)


def subscribe_response(payload: TopicResults) -> SubscribeResponseMessage:
    """`subscribe.response`: The outcome of `subscribe`, one result per topic."""
    return SubscribeResponseMessage(payload=payload)


def unsubscribe_response(payload: TopicResults) -> UnsubscribeResponseMessage:
    """`unsubscribe.response`: The outcome of `unsubscribe`, one result per topic."""
    return UnsubscribeResponseMessage(payload=payload)


def subscription_reset(payload: SubscriptionResetPayload) -> SubscriptionResetMessage:
    """`subscription.reset`: The server can no longer continue a held topic's sequence as it was."""
    return SubscriptionResetMessage(payload=payload)


def pong() -> PongMessage:
    """`pong`: The answer to `ping`."""
    return PongMessage()


def error(payload: ErrorPayload) -> ErrorMessage:
    """`error`: Why the server is about to close this connection."""
    return ErrorMessage(payload=payload)
