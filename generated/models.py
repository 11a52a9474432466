# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: 81c4912b2efc4dc353ceddd31638b93dae6a3489fed1f690366864c5bfcc2f65  generator: codegen 1.0.0
"""Pydantic models of every schema and message of Trading WebSockets."""

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter


def _whole_float_to_int(value: Any) -> Any:
    if type(value) is float and value.is_integer():
        return int(value)
    return value


JsonInt = Annotated[int, BeforeValidator(_whole_float_to_int)]
"""An integer as JSON Schema counts them: 2.0 and 1e6 are integers (and become ints), 1.5 and
true are not."""


def _refuse_null(value: Any) -> Any:
    if value is None:
        raise ValueError("null is not allowed here; leave the field out instead")
    return value


NotNull = BeforeValidator(_refuse_null)
"""Marks an optional field whose None only means "left out": JSON Schema refuses an explicit null
there (a default is not validated, so leaving the field out still gives None)."""

#: A ticker as the market names it: letters, digits and `. - = ^ / _`, 1 to 32 characters (`AAPL`, `BRK.B`, `BTC-USD`, `EURUSD`, `ES=F`, `^GSPC`). Case is kept; no whitespace, control characters or `:` (the topic separator).
Ticker = Annotated[str, Field(pattern="^[A-Za-z0-9.=^/_-]{1,32}$")]


#: Bar size. Minutes (`1`, `5`, `15`, `30`, `60`), day `D`, week `W`, month `M`.
Resolution = Literal["1", "5", "15", "30", "60", "D", "W", "M"]
RESOLUTION_VALUES: tuple[Resolution, ...] = (
    "1",
    "5",
    "15",
    "30",
    "60",
    "D",
    "W",
    "M",
)


class BarsParams(BaseModel):
    """Parameters of a bars subscription."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    resolution: Resolution = "1"


class SubscriptionRequest(BaseModel):
    """Which bars to (un)subscribe."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    symbol: Ticker
    params: BarsParams = Field(
        default_factory=lambda: BarsParams.model_validate({"resolution": "1"})
    )


class BarsSubscribeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["bars.subscribe"] = "bars.subscribe"
    payload: SubscriptionRequest


class BarsUnsubscribeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["bars.unsubscribe"] = "bars.unsubscribe"
    payload: SubscriptionRequest


class SymbolRequest(BaseModel):
    """Which symbol's topic to (un)subscribe."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    symbol: Ticker


class QuotesSubscribeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.subscribe"] = "quotes.subscribe"
    payload: SymbolRequest


class QuotesUnsubscribeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.unsubscribe"] = "quotes.unsubscribe"
    payload: SymbolRequest


class TradesSubscribeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["trades.subscribe"] = "trades.subscribe"
    payload: SymbolRequest


class TradesUnsubscribeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["trades.unsubscribe"] = "trades.unsubscribe"
    payload: SymbolRequest


#: Levels per side of an order book subscription.
Depth = Literal[10, 25, 50]
DEPTH_VALUES: tuple[Depth, ...] = (
    10,
    25,
    50,
)


class BookParams(BaseModel):
    """Parameters of an order book subscription."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    depth: Depth = 10


class BookRequest(BaseModel):
    """Which symbol's order book, at which depth."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    symbol: Ticker
    params: BookParams = Field(default_factory=lambda: BookParams.model_validate({"depth": 10}))


class OrderbookSubscribeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["orderbook.subscribe"] = "orderbook.subscribe"
    payload: BookRequest


class OrderbookUnsubscribeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["orderbook.unsubscribe"] = "orderbook.unsubscribe"
    payload: BookRequest


#: Any string the client chooses; the reply carries it back.
RequestId = Annotated[str, Field(max_length=64)]


#: Topic names; each is checked on its own (a bad one fails only its own result), so any string is accepted here.
TopicList = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=256)]], Field(min_length=1, max_length=1000)
]


#: A message's position in its topic's stream: 1 for the first message of an epoch, then +1 for each message published to the topic; at most 2^53 - 1, so JavaScript reads it exactly. 0 names the position before the first message.
Seq = Annotated[JsonInt, Field(ge=0, le=9007199254740991)]


#: Names one unbroken stream of a topic's sequence numbers; a new epoch means the server could no longer vouch for the old one (restart, storage lost, history expired).
Epoch = Annotated[str, Field(pattern="^[A-Za-z0-9_-]{1,32}$")]


class StreamPosition(BaseModel):
    """The last message a client applied on a topic."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    seq: Seq
    epoch: Epoch


class SubscribeTopics(BaseModel):
    """Topics to subscribe, and where to resume each one."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    req_id: Annotated[RequestId | None, NotNull] = None
    topics: TopicList
    since: Annotated[dict[str, StreamPosition] | None, NotNull] = None
    """Topic -> the last position the client applied; a topic named here but not in `topics` is ignored."""


class SubscribeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["subscribe"] = "subscribe"
    payload: SubscribeTopics


class UnsubscribeTopics(BaseModel):
    """Topics to unsubscribe."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    req_id: Annotated[RequestId | None, NotNull] = None
    topics: TopicList


class UnsubscribeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["unsubscribe"] = "unsubscribe"
    payload: UnsubscribeTopics


class PingMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["ping"] = "ping"


#: A topic name: a family name, then `:` (public families) or `#` (private ones, one topic per user), then the family's parameters as its `x-topics` template lays them out, e.g. `bars:AAPL:1`. Never whitespace, quotes or backslashes.
Topic = Annotated[str, Field(pattern='^[a-z][a-z0-9_]{0,31}[:#][^\\s"\\\\]{1,200}$')]


#: Why one topic of a request failed (the connection stays open). New codes may be added in any minor version (`x-extensible-enum`).
TopicErrorCode = str
TOPIC_ERROR_CODE_VALUES: tuple[TopicErrorCode, ...] = (
    "invalid_topic",
    "subscription_limit",
    "permission_denied",
    "auth_required",
    "unavailable",
    "capacity",
    "internal_error",
)


class SubscriptionResponse(BaseModel):
    """The outcome of a subscribe or unsubscribe request."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    status: Literal["ok", "error"]
    symbol: Ticker
    message: str
    """Human-readable outcome, e.g. `Subscribed to AAPL`."""
    topic: Topic
    code: Annotated[TopicErrorCode | None, NotNull] = None


class BarsSubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["bars.subscribe.response"] = "bars.subscribe.response"
    payload: SubscriptionResponse


class BarsUnsubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["bars.unsubscribe.response"] = "bars.unsubscribe.response"
    payload: SubscriptionResponse


#: A topic of the bars family, `bars:{symbol}:{resolution}`.
BarsTopic = Annotated[str, Field(pattern="^bars:[A-Za-z0-9.=^/_-]{1,32}:(1|5|15|30|60|D|W|M)$")]


class Bar(BaseModel):
    """One OHLCV bar; `time` is the start of its bucket in UTC."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    time: JsonInt = Field(ge=0, le=9007199254740991)
    """Bucket start, Unix time in milliseconds; at most 2^53 - 1, the largest integer a JavaScript number holds exactly."""
    open: float
    high: float
    low: float
    close: float
    volume: JsonInt = Field(ge=0, le=9007199254740991)
    """Traded quantity; at most 2^53 - 1, like `time`."""


class BarsUpdateMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["bars.update"] = "bars.update"
    topic: BarsTopic
    epoch: Epoch
    seq: Seq
    payload: Bar


class QuotesSubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.subscribe.response"] = "quotes.subscribe.response"
    payload: SubscriptionResponse


class QuotesUnsubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.unsubscribe.response"] = "quotes.unsubscribe.response"
    payload: SubscriptionResponse


#: Unix time in milliseconds, at most 2^53 - 1.
Time = Annotated[JsonInt, Field(ge=0, le=9007199254740991)]


#: A non-negative decimal number as a string, at the symbol's tick (prices) or lot (sizes): digits, an optional point and fraction, no sign, exponent or leading zero (`150.25`, `0.001`, `100`), so nothing is lost to floats and checksums are exact.
Decimal = Annotated[str, Field(pattern="^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,12})?$")]


class Quote(BaseModel):
    """The best bid and ask of a symbol, with the sizes resting there."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    time: Time
    bid: Decimal
    bid_size: Decimal
    ask: Decimal
    ask_size: Decimal


class QuotesUpdateMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.update"] = "quotes.update"
    topic: Topic
    epoch: Epoch
    seq: Seq
    payload: Quote


class TradesSubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["trades.subscribe.response"] = "trades.subscribe.response"
    payload: SubscriptionResponse


class TradesUnsubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["trades.unsubscribe.response"] = "trades.unsubscribe.response"
    payload: SubscriptionResponse


#: The taker's side of a trade.
Side = Literal["buy", "sell"]
SIDE_VALUES: tuple[Side, ...] = (
    "buy",
    "sell",
)


class Trade(BaseModel):
    """One trade; `id` rises strictly with each trade of the symbol."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    id: JsonInt = Field(ge=0, le=9007199254740991)
    time: Time
    price: Decimal
    size: Decimal
    side: Side


class Trades(BaseModel):
    """Trades of one symbol, in the order they happened."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    trades: list[Trade] = Field(min_length=1, max_length=1000)


class TradesUpdateMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["trades.update"] = "trades.update"
    topic: Topic
    epoch: Epoch
    seq: Seq
    payload: Trades


class OrderbookSubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["orderbook.subscribe.response"] = "orderbook.subscribe.response"
    payload: SubscriptionResponse


class OrderbookUnsubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["orderbook.unsubscribe.response"] = "orderbook.unsubscribe.response"
    payload: SubscriptionResponse


#: One price level, `[price, size]`.
Level = Annotated[list[Decimal], Field(min_length=2, max_length=2)]


Levels = Annotated[list[Level], Field(max_length=5000)]


class BookView(BaseModel):
    """Levels of one depth's view of a book: all of them in a snapshot, the changed ones in an update; with the checksum of the view after it (see Order books above)."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    time: Time
    bids: Levels
    asks: Levels
    checksum: JsonInt = Field(ge=0, le=4294967295)


class OrderbookSnapshotMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["orderbook.snapshot"] = "orderbook.snapshot"
    topic: Topic
    epoch: Epoch
    seq: Seq
    payload: BookView


class OrderbookUpdateMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["orderbook.update"] = "orderbook.update"
    topic: Topic
    epoch: Epoch
    seq: Seq
    payload: BookView


class TopicResult(BaseModel):
    """The outcome for one topic. On `ok`, `seq` and `epoch` are the topic's current position (the last message published before the subscription took effect); `recovered` and `recovered_count` answer a `since` of a subscribe."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    topic: str = Field(max_length=256)
    """The topic as the request named it."""
    status: Literal["ok", "error"]
    code: Annotated[TopicErrorCode | None, NotNull] = None
    message: Annotated[str | None, NotNull] = None
    """Human-readable outcome, on errors."""
    seq: Annotated[Seq | None, NotNull] = None
    epoch: Annotated[Epoch | None, NotNull] = None
    recovered: Annotated[bool | None, NotNull] = None
    """true: every message after `since` follows, in order, before any live one; false: the gap cannot be filled (another epoch, or older than what is kept); the family's first message follows and the client should refetch history."""
    recovered_count: Annotated[JsonInt | None, NotNull] = Field(default=None, ge=0)
    """How many missed messages follow the reply (with `recovered`)."""


class TopicResults(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    req_id: Annotated[RequestId | None, NotNull] = None
    results: list[TopicResult]
    """One result per distinct topic of the request, in request order."""


class SubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["subscribe.response"] = "subscribe.response"
    payload: TopicResults


class UnsubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["unsubscribe.response"] = "unsubscribe.response"
    payload: TopicResults


#: `epoch_changed`: the topic's stream restarted (history was lost); `gap`: this server missed messages of the topic (subscribe again with `since` to recover them). New reasons may be added in any minor version.
ResetReason = str
RESET_REASON_VALUES: tuple[ResetReason, ...] = (
    "epoch_changed",
    "gap",
)


class SubscriptionResetPayload(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    topic: Topic
    epoch: Epoch
    reason: ResetReason


class SubscriptionResetMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["subscription.reset"] = "subscription.reset"
    payload: SubscriptionResetPayload


class PongMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["pong"] = "pong"


#: Why the server is about to close the connection. New codes may be added in any minor version (`x-extensible-enum`): clients must treat an unknown code as a generic error.
ErrorCode = str
ERROR_CODE_VALUES: tuple[ErrorCode, ...] = (
    "invalid_json",
    "invalid_frame",
    "unknown_type",
    "validation_error",
    "heartbeat_timeout",
    "lifespan_exceeded",
    "message_too_big",
    "slow_consumer",
    "rate_limited",
    "token_expired",
    "invalid_utf8",
)


class ErrorDetail(BaseModel):
    """One problem found in the client's frame."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    path: str
    """JSON pointer to the offending value in the client's frame."""
    message: str


class ErrorPayload(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    code: ErrorCode
    message: str
    """Human-readable explanation."""
    retry: bool
    """Whether reconnecting can help (as `x-close-codes` says for the close that follows): false for bad input, which would only be refused again."""
    errors: Annotated[list[ErrorDetail] | None, NotNull] = None


class ErrorMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["error"] = "error"
    payload: ErrorPayload


class BookChanges(BaseModel):
    """Changes of a symbol's whole book, as a producer publishes them to `orderbook:{symbol}`: absolute sizes per price, `"0"` removes the level; with `replace`, the message is the whole book."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    time: Time
    bids: Levels
    asks: Levels
    replace: bool = False
    """The message is the whole book: every level it does not name is removed first (a producer that starts, or restarts, and cannot know what the service holds)."""


ClientMessage = Annotated[
    Union[
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
    ],
    Field(discriminator="type"),
]
"""Any message a client sends; one parse validates it and picks its type."""

ServerMessage = Annotated[
    Union[
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
    ],
    Field(discriminator="type"),
]
"""Any message the server sends."""

client_message_adapter: TypeAdapter[ClientMessage] = TypeAdapter(ClientMessage)
server_message_adapter: TypeAdapter[ServerMessage] = TypeAdapter(ServerMessage)

MESSAGE_MODELS: dict[str, type[BaseModel]] = {
    "bars.subscribe": BarsSubscribeMessage,
    "bars.unsubscribe": BarsUnsubscribeMessage,
    "quotes.subscribe": QuotesSubscribeMessage,
    "quotes.unsubscribe": QuotesUnsubscribeMessage,
    "trades.subscribe": TradesSubscribeMessage,
    "trades.unsubscribe": TradesUnsubscribeMessage,
    "orderbook.subscribe": OrderbookSubscribeMessage,
    "orderbook.unsubscribe": OrderbookUnsubscribeMessage,
    "subscribe": SubscribeMessage,
    "unsubscribe": UnsubscribeMessage,
    "ping": PingMessage,
    "bars.subscribe.response": BarsSubscribeResponseMessage,
    "bars.unsubscribe.response": BarsUnsubscribeResponseMessage,
    "bars.update": BarsUpdateMessage,
    "quotes.subscribe.response": QuotesSubscribeResponseMessage,
    "quotes.unsubscribe.response": QuotesUnsubscribeResponseMessage,
    "quotes.update": QuotesUpdateMessage,
    "trades.subscribe.response": TradesSubscribeResponseMessage,
    "trades.unsubscribe.response": TradesUnsubscribeResponseMessage,
    "trades.update": TradesUpdateMessage,
    "orderbook.subscribe.response": OrderbookSubscribeResponseMessage,
    "orderbook.unsubscribe.response": OrderbookUnsubscribeResponseMessage,
    "orderbook.snapshot": OrderbookSnapshotMessage,
    "orderbook.update": OrderbookUpdateMessage,
    "subscribe.response": SubscribeResponseMessage,
    "unsubscribe.response": UnsubscribeResponseMessage,
    "subscription.reset": SubscriptionResetMessage,
    "pong": PongMessage,
    "error": ErrorMessage,
}
"""Every message type tag -> its envelope model."""

__all__ = [
    "Ticker",
    "Resolution",
    "BarsParams",
    "SubscriptionRequest",
    "BarsSubscribeMessage",
    "BarsUnsubscribeMessage",
    "SymbolRequest",
    "QuotesSubscribeMessage",
    "QuotesUnsubscribeMessage",
    "TradesSubscribeMessage",
    "TradesUnsubscribeMessage",
    "Depth",
    "BookParams",
    "BookRequest",
    "OrderbookSubscribeMessage",
    "OrderbookUnsubscribeMessage",
    "RequestId",
    "TopicList",
    "Seq",
    "Epoch",
    "StreamPosition",
    "SubscribeTopics",
    "SubscribeMessage",
    "UnsubscribeTopics",
    "UnsubscribeMessage",
    "PingMessage",
    "Topic",
    "TopicErrorCode",
    "SubscriptionResponse",
    "BarsSubscribeResponseMessage",
    "BarsUnsubscribeResponseMessage",
    "BarsTopic",
    "Bar",
    "BarsUpdateMessage",
    "QuotesSubscribeResponseMessage",
    "QuotesUnsubscribeResponseMessage",
    "Time",
    "Decimal",
    "Quote",
    "QuotesUpdateMessage",
    "TradesSubscribeResponseMessage",
    "TradesUnsubscribeResponseMessage",
    "Side",
    "Trade",
    "Trades",
    "TradesUpdateMessage",
    "OrderbookSubscribeResponseMessage",
    "OrderbookUnsubscribeResponseMessage",
    "Level",
    "Levels",
    "BookView",
    "OrderbookSnapshotMessage",
    "OrderbookUpdateMessage",
    "TopicResult",
    "TopicResults",
    "SubscribeResponseMessage",
    "UnsubscribeResponseMessage",
    "ResetReason",
    "SubscriptionResetPayload",
    "SubscriptionResetMessage",
    "PongMessage",
    "ErrorCode",
    "ErrorDetail",
    "ErrorPayload",
    "ErrorMessage",
    "BookChanges",
    "ClientMessage",
    "ServerMessage",
    "client_message_adapter",
    "server_message_adapter",
    "MESSAGE_MODELS",
]
