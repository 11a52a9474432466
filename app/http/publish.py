"""`POST /api/v1/publish`: bars from producers outside the process, checked, then published.

Every bar of a request is validated (the generated `Bar` model plus OHLC sense) before the
first one is published, so a bad request publishes nothing. Through a broker (Redis) the bars
of a request are published in one transaction, all or none; a broker that is down or fails
during the request answers 503 and the detail says what became of the bars.

The route below is the one definition of the endpoint: its OpenAPI entry and every error
answer. `FastPublish` serves the common case, an authorized and valid request, without
FastAPI's routing, dependency and response machinery (measured on a paced publisher: the
request's CPU before the publish fell from ≈740 to ≈330 µs), and hands anything else to the
route, body replayed, so both always answer alike.
"""

import hmac
import ipaddress
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, BaseModel, Field, SecretStr, ValidationError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.pubsub.broker import BrokerUnavailable
from app.pubsub.checks import ohlc_sense
from app.pubsub.hub import Draining, Hub
from generated.models import Bar, Resolution, Ticker
from generated.protocol import bars_topic

PUBLISH_PATH = "/api/v1/publish"


class PublishRequest(BaseModel):
    symbol: Ticker
    resolution: Resolution = Field("1", description="Bar size; `1` (minute) by default, as for subscribe.")
    bars: list[Annotated[Bar, AfterValidator(ohlc_sense)]] = Field(
        description="Bars published in this order as `bars.update` of `bars:{symbol}:{resolution}`."
    )


class PublishResult(BaseModel):
    published: int


def _is_loopback(host: str | None) -> bool:
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:  # not an IP address (e.g. a test client's made-up host)
        return False


class PublishAuth:
    """Who may publish: with a token, `Authorization: Bearer <token>`; without one, loopback clients."""

    def __init__(self, token: SecretStr | None) -> None:
        self._secret = token.get_secret_value().encode() if token is not None else None

    def refusal(self, client_host: str | None, authorization: str) -> HTTPException | None:
        """Why this caller may not publish, or None."""
        if self._secret is None:
            if _is_loopback(client_host):
                return None
            return HTTPException(
                status.HTTP_403_FORBIDDEN, "Publishing is open to loopback clients only (no token set)"
            )
        scheme, _, given = authorization.partition(" ")
        # compare_digest takes as long for a wrong token as for a right one.
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self._secret):
            return None
        return HTTPException(
            status.HTTP_401_UNAUTHORIZED, "A valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )


def unavailable(exc: BrokerUnavailable | Draining) -> HTTPException:
    return HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc), headers={"Retry-After": "1"})


async def validation_error(_: Request, exc: Exception) -> Response:
    """FastAPI's 422 body, rendered with orjson: the request's JSON may hold NaN (Python's
    json module accepts it) and the default renderer would fail echoing it back."""
    assert isinstance(exc, RequestValidationError)
    body = orjson.dumps({"detail": jsonable_encoder(exc.errors())})
    return Response(body, status.HTTP_422_UNPROCESSABLE_CONTENT, media_type="application/json")


def publish_router(hub: Hub, auth: PublishAuth) -> APIRouter:
    router = APIRouter()

    # Async although it never awaits: FastAPI runs a plain `def` dependency in a worker
    # thread, a hand-off that cost a third of a publish call's latency.
    async def authorize(request: Request) -> None:
        host = request.client.host if request.client else None
        refusal = auth.refusal(host, request.headers.get("authorization", ""))
        if refusal is not None:
            raise refusal

    @router.post(
        PUBLISH_PATH,
        dependencies=[Depends(authorize)],
        responses={
            401: {"description": "A token is set and the request did not carry it."},
            403: {"description": "No token is set and the caller is not on loopback."},
            413: {"description": "The body is larger than `WS_PUBLISH_MAX_BYTES`."},
            503: {"description": "The broker is down, or the server is stopping: nothing was published."},
        },
    )
    async def publish(body: PublishRequest) -> PublishResult:
        """Publish `bars` in order to `bars:{symbol}:{resolution}`."""
        try:
            await hub.publish_many(bars_topic(body.symbol, body.resolution), body.bars)
        except (BrokerUnavailable, Draining) as exc:
            raise unavailable(exc) from None
        return PublishResult(published=len(body.bars))

    return router


class FastPublish:
    """ASGI middleware in front of `POST /api/v1/publish`. A refused caller is answered from
    the headers alone and a body over `max_bytes` with 413, before either is read whole; an
    authorized, valid request is published straight away; any other request goes on to the app
    (the route above), its body replayed."""

    def __init__(self, app: ASGIApp, hub: Hub, auth: PublishAuth, max_bytes: int) -> None:
        self.app, self._hub, self._auth, self._max_bytes = app, hub, auth, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PUBLISH_PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        client = scope.get("client")
        refusal = self._auth.refusal(client[0] if client else None, headers.get("authorization", ""))
        try:
            body = await self._read_body(receive, headers) if refusal is None else b""
        except TooLarge as exc:
            refusal = exc.refusal
        if refusal is not None:
            await (await http_exception_handler(Request(scope), refusal))(scope, receive, send)
            return
        request = _accepted(headers, body)
        if request is None:  # the route answers, with FastAPI's own error
            await self.app(scope, _replay(body, receive), send)
            return
        try:
            await self._hub.publish_many(bars_topic(request.symbol, request.resolution), request.bars)
        except (BrokerUnavailable, Draining) as exc:
            response = await http_exception_handler(Request(scope), unavailable(exc))
        else:
            result = PublishResult(published=len(request.bars)).model_dump_json()
            response = Response(result, media_type="application/json")
        await response(scope, receive, send)

    async def _read_body(self, receive: Receive, headers: Headers) -> bytes:
        if int(headers.get("content-length") or 0) > self._max_bytes:
            raise TooLarge(self._max_bytes)
        chunks, size = [], 0
        while True:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self._max_bytes:  # a chunked body that would not stop
                raise TooLarge(self._max_bytes)
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)


class TooLarge(Exception):
    def __init__(self, limit: int) -> None:
        why = f"A publish request may hold at most {limit} bytes (WS_PUBLISH_MAX_BYTES)"
        self.refusal = HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, why)


def _accepted(headers: Headers, body: bytes) -> PublishRequest | None:
    """The request, if it is JSON the route would accept as it is."""
    if headers.get("content-type", "").partition(";")[0].strip().lower() != "application/json":
        return None
    try:
        return PublishRequest.model_validate_json(body)
    except ValidationError:
        return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """`receive` for the app: the body already read, then whatever comes (a disconnect)."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
