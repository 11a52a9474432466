# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# body-sha256: 46c7b27f4e660975a9a19f787d7b655335e2f9cfc83ca387bd891af329d4356d  generator: codegen 1.0.0
"""Pydantic models of every schema and message of Quotes."""

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

Ticker = Annotated[str, Field(pattern="^[A-Z]{1,5}$")]


Venue = Literal["X", "Y"]
VENUE_VALUES: tuple[Venue, ...] = (
    "X",
    "Y",
)


class WatchRequestOptions(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    venue: Venue = "X"


class WatchRequest(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    symbol: Ticker
    options: WatchRequestOptions = Field(
        default_factory=lambda: WatchRequestOptions.model_validate({"venue": "X"})
    )


class WatchMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.watch"] = "quotes.watch"
    payload: WatchRequest


class UnwatchMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.unwatch"] = "quotes.unwatch"
    payload: WatchRequest


class HelloMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["hello"] = "hello"


class WatchOutcome(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    status: Literal["ok", "error"]
    message: str
    topic: str
    symbol: Annotated[Ticker | None, NotNull] = None
    code: Annotated[str | None, NotNull] = None


class WatchedMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.watched"] = "quotes.watched"
    payload: WatchOutcome


class UnwatchedMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.unwatched"] = "quotes.unwatched"
    payload: WatchOutcome


class Quote(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", populate_by_name=True)

    time: JsonInt = Field(ge=0)
    bid: float
    ask: float
    size: JsonInt = Field(ge=1)
    tags: Annotated[list[Annotated[str, Field(max_length=8)]] | None, NotNull] = None


class TickMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.tick"] = "quotes.tick"
    topic: str
    epoch: str
    seq: JsonInt = Field(ge=0)
    payload: Quote


class WelcomeMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["welcome"] = "welcome"


ClientMessage = Annotated[
    Union[
        WatchMessage,
        UnwatchMessage,
        HelloMessage,
    ],
    Field(discriminator="type"),
]
"""Any message a client sends; one parse validates it and picks its type."""

ServerMessage = Annotated[
    Union[
        WatchedMessage,
        UnwatchedMessage,
        TickMessage,
        WelcomeMessage,
    ],
    Field(discriminator="type"),
]
"""Any message the server sends."""

client_message_adapter: TypeAdapter[ClientMessage] = TypeAdapter(ClientMessage)
server_message_adapter: TypeAdapter[ServerMessage] = TypeAdapter(ServerMessage)

MESSAGE_MODELS: dict[str, type[BaseModel]] = {
    "quotes.watch": WatchMessage,
    "quotes.unwatch": UnwatchMessage,
    "hello": HelloMessage,
    "quotes.watched": WatchedMessage,
    "quotes.unwatched": UnwatchedMessage,
    "quotes.tick": TickMessage,
    "welcome": WelcomeMessage,
}
"""Every message type tag -> its envelope model."""

__all__ = [
    "Ticker",
    "Venue",
    "WatchRequestOptions",
    "WatchRequest",
    "WatchMessage",
    "UnwatchMessage",
    "HelloMessage",
    "WatchOutcome",
    "WatchedMessage",
    "UnwatchedMessage",
    "Quote",
    "TickMessage",
    "WelcomeMessage",
    "ClientMessage",
    "ServerMessage",
    "client_message_adapter",
    "server_message_adapter",
    "MESSAGE_MODELS",
]
