# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# body-sha256: 069bb6a34fa7c1607760670cb8f87442914ab85c812c73ea97b7d94ba8f0711f  generator: codegen 1.0.0
"""The operation router of Quotes: the handler interface the service
implements, the dispatch table from message type to handler, frame decoding and typed senders."""

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any, Generic, NamedTuple, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from .families import QUOTES, Family, TopicOutcome
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
        """A family's subscribe message (`quotes.watch`) with its payload."""

    @abstractmethod
    async def leave_topic(self, ctx: ContextT, family: Family, payload: Any) -> TopicOutcome:
        """A family's unsubscribe message (`quotes.unwatch`) with its payload."""

    @abstractmethod
    async def hello(self, ctx: ContextT) -> None:
        """`hello` -> `welcome`: Greets the server."""


Invoke = Callable[[Handlers[Any], Any, Any], Awaitable[ServerMessage | None]]


class Route(NamedTuple):
    """How one client message type is validated, handled and answered."""

    model: type[BaseModel]
    invoke: Invoke
    reply: str | None


async def _quotes_watch(
    handlers: Handlers[Any], ctx: Any, message: WatchMessage
) -> ServerMessage | None:
    outcome = await handlers.join_topic(ctx, QUOTES, message.payload)
    reply = WatchOutcome(
        status=outcome.status,
        message=outcome.message,
        topic=outcome.topic,
    )
    if message.payload.symbol is not None:
        reply.symbol = message.payload.symbol
    if outcome.code is not None:
        reply.code = outcome.code
    return WatchedMessage(payload=reply)


async def _quotes_unwatch(
    handlers: Handlers[Any], ctx: Any, message: UnwatchMessage
) -> ServerMessage | None:
    outcome = await handlers.leave_topic(ctx, QUOTES, message.payload)
    reply = WatchOutcome(
        status=outcome.status,
        message=outcome.message,
        topic=outcome.topic,
    )
    if message.payload.symbol is not None:
        reply.symbol = message.payload.symbol
    if outcome.code is not None:
        reply.code = outcome.code
    return UnwatchedMessage(payload=reply)


async def _hello(handlers: Handlers[Any], ctx: Any, message: HelloMessage) -> ServerMessage | None:
    await handlers.hello(ctx)
    return WelcomeMessage()


ROUTES: dict[str, Route] = {
    "quotes.watch": Route(WatchMessage, _quotes_watch, "quotes.watched"),
    "quotes.unwatch": Route(UnwatchMessage, _quotes_unwatch, "quotes.unwatched"),
    "hello": Route(HelloMessage, _hello, "welcome"),
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


def quotes_watched(payload: WatchOutcome) -> WatchedMessage:
    """`quotes.watched`: Stream started."""
    return WatchedMessage(payload=payload)


def quotes_unwatched(payload: WatchOutcome) -> UnwatchedMessage:
    """`quotes.unwatched`: Stream stopped."""
    return UnwatchedMessage(payload=payload)


def quotes_tick(topic: str, epoch: str, seq: JsonInt, payload: Quote) -> TickMessage:
    """`quotes.tick`: A quote."""
    return TickMessage(topic=topic, epoch=epoch, seq=seq, payload=payload)


def welcome() -> WelcomeMessage:
    """`welcome`: Greets the client."""
    return WelcomeMessage()
