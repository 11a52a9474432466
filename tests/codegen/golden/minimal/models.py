# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# spec-sha256: 24b7371c5a663e34ae513dead5b3916a007834225af2fb9694d24f14c2422b9f  generator: codegen 1.0.0
"""Pydantic models of every schema and message of Quotes 0.1.0."""

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

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


class WatchedMessagePayload(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    topic: str


class WatchedMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.watched"] = "quotes.watched"
    payload: WatchedMessagePayload


class Quote(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", populate_by_name=True)

    bid: float
    ask: float
    size: int = Field(ge=1)
    tags: list[Annotated[str, Field(max_length=8)]] | None = None


class TickMessage(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", populate_by_name=True)

    type: Literal["quotes.tick"] = "quotes.tick"
    topic: str
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
    "WatchedMessagePayload",
    "WatchedMessage",
    "Quote",
    "TickMessage",
    "WelcomeMessage",
    "ClientMessage",
    "ServerMessage",
    "client_message_adapter",
    "server_message_adapter",
    "MESSAGE_MODELS",
]
