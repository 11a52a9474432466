# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: 66584372373ac4664b81b524a23b6d04dc1d1aae8c13cfc35303b6d743f62309  generator: codegen 1.0.0
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


class PingMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["ping"] = "ping"


#: A topic name, `bars:{symbol}:{resolution}`.
Topic = Annotated[str, Field(pattern="^bars:[A-Za-z0-9.=^/_-]{1,32}:(1|5|15|30|60|D|W|M)$")]


class SubscriptionResponse(BaseModel):
    """The outcome of a subscribe or unsubscribe request."""

    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    status: Literal["ok", "error"]
    symbol: Ticker
    message: str
    """Human-readable outcome, e.g. `Subscribed to AAPL`."""
    topic: Topic


class BarsSubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["bars.subscribe.response"] = "bars.subscribe.response"
    payload: SubscriptionResponse


class BarsUnsubscribeResponseMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["bars.unsubscribe.response"] = "bars.unsubscribe.response"
    payload: SubscriptionResponse


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
    topic: Topic
    payload: Bar


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
    errors: Annotated[list[ErrorDetail] | None, NotNull] = None


class ErrorMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["error"] = "error"
    payload: ErrorPayload


ClientMessage = Annotated[
    Union[
        BarsSubscribeMessage,
        BarsUnsubscribeMessage,
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
    "ping": PingMessage,
    "bars.subscribe.response": BarsSubscribeResponseMessage,
    "bars.unsubscribe.response": BarsUnsubscribeResponseMessage,
    "bars.update": BarsUpdateMessage,
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
    "PingMessage",
    "Topic",
    "SubscriptionResponse",
    "BarsSubscribeResponseMessage",
    "BarsUnsubscribeResponseMessage",
    "Bar",
    "BarsUpdateMessage",
    "PongMessage",
    "ErrorCode",
    "ErrorDetail",
    "ErrorPayload",
    "ErrorMessage",
    "ClientMessage",
    "ServerMessage",
    "client_message_adapter",
    "server_message_adapter",
    "MESSAGE_MODELS",
]
