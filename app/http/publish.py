"""`POST /api/v1/publish`: messages from producers outside the process, checked, then published.

Two forms of one endpoint: `{"topic": "bars:AAPL:1", "messages": [<payload>, ...]}` for any
channel family (answered `{"published", "topic", "epoch", "seq"}`), and the bars form of 1.x,
`{"symbol", "resolution", "bars"}` (answered `{"published"}`, app/http/bars_compat.py). Every
message of a request is checked (the family's generated model and domain rules) before the
first one is published, so a bad request publishes nothing (422, with FastAPI's error shape);
through a broker a request is published in one round trip, all or none; a broker that is down
answers 503 and the detail says what became of the messages.

The route below is the one definition of the endpoint: its OpenAPI entry and every error
answer. `FastPublish` serves the common case, an authorized and valid request, without
FastAPI's routing and response machinery, and hands anything else to the route, body replayed,
so both always answer alike.
"""

import hmac
import ipaddress
import json
from collections.abc import Sequence
from typing import Any, NamedTuple

import orjson
from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, SecretStr, ValidationError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.http.bars_compat import BarsPublishRequest, BarsPublishResult
from app.pubsub.broker import BrokerUnavailable
from app.pubsub.checks import check_payload
from app.pubsub.families import InvalidTopic, resolve_any
from app.pubsub.publisher import Draining, Publisher
from generated.families import BARS, Family

PUBLISH_PATH = "/api/v1/publish"


class TopicPublishRequest(BaseModel):
    topic: str = Field(description="The topic, e.g. `bars:AAPL:1`; its family says what a message is.", max_length=256)
    messages: list[dict[str, Any]] = Field(
        description="Payloads of the family's update message, published in this order, each numbered (`seq`)."
    )


class PublishResult(BaseModel):
    published: int
    topic: str
    epoch: str
    seq: int = Field(description="The `seq` of the last message published.")


class Accepted(NamedTuple):
    """A request that passed every check: what to publish, and which answer it gets."""

    family: Family
    topic: str
    payloads: list[BaseModel]
    bars_form: bool


def _errors(exc: ValidationError, *prefix: str | int) -> list[Any]:
    return [{**error, "loc": ["body", *prefix, *error["loc"]]} for error in exc.errors(include_url=False)]


def _invalid(loc: list[Any], message: str, value: Any, kind: str = "value_error") -> RequestValidationError:
    return RequestValidationError([{"type": kind, "loc": loc, "msg": message, "input": value}])


def _parse(body: bytes) -> Any:
    """The body's JSON; like FastAPI, Python's json module's reading of it (NaN, big integers)
    when orjson's stricter one refuses it, so that the model says what is wrong."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(body)
    except ValueError as exc:
        error = {"type": "json_invalid", "loc": ["body"], "msg": "JSON decode error", "input": {}}
        raise RequestValidationError([{**error, "ctx": {"error": str(exc)}}]) from None


def accept(body: bytes, content_type: str) -> Accepted:
    """The request, checked once (schema and domain rules); RequestValidationError with FastAPI's
    error shape otherwise."""
    if content_type.partition(";")[0].strip().lower() != "application/json":
        raise _invalid(
            ["body"],
            "Input should be a valid dictionary or object to extract fields from",
            body.decode(errors="replace"),
            "model_attributes_type",
        )
    raw = _parse(body) if b'"topic"' in body else None
    if isinstance(raw, dict) and "topic" in raw:
        return _topic_form(raw)
    try:  # the bars form, the common one: JSON validated in one pass
        bars = BarsPublishRequest.model_validate_json(body)
    except ValidationError:
        try:  # as FastAPI reads it (NaN, big integers), for the same errors
            bars = BarsPublishRequest.model_validate(_parse(body) if raw is None else raw)
        except ValidationError as exc:
            raise RequestValidationError(_errors(exc)) from None
    _check_each(BARS, bars.bars, "bars")
    return Accepted(BARS, bars.topic, list(bars.bars), bars_form=True)


def _topic_form(raw: dict[str, Any]) -> Accepted:
    try:
        request = TopicPublishRequest.model_validate(raw)
    except ValidationError as exc:
        raise RequestValidationError(_errors(exc)) from None
    try:
        family, _, is_source = resolve_any(request.topic)
    except InvalidTopic as exc:
        raise _invalid(["body", "topic"], str(exc), request.topic) from None
    model = family.source.payload_model if is_source and family.source else family.payload_model
    payloads, errors = [], []
    for i, message in enumerate(request.messages):
        try:
            payloads.append(model.model_validate(message))
        except ValidationError as exc:
            errors += _errors(exc, "messages", i)
    if errors:
        raise RequestValidationError(errors)
    if not is_source:
        _check_each(family, payloads, "messages")
    return Accepted(family, request.topic, payloads, bars_form=False)


def _check_each(family: Family, payloads: Sequence[BaseModel], field: str) -> None:
    """The family's domain rules, each broken one reported at its message."""
    errors = []
    for i, payload in enumerate(payloads):
        try:
            check_payload(family, payload)
        except ValueError as exc:
            errors.append(
                {
                    "type": "value_error",
                    "loc": ["body", field, i],
                    "msg": f"Value error, {exc}",
                    "input": payload.model_dump(),
                    "ctx": {"error": str(exc)},
                }
            )
    if errors:
        raise RequestValidationError(errors)


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


async def publish_accepted(publisher: Publisher, accepted: Accepted) -> bytes:
    """Publish; the answer's JSON. Raises HTTPException (503) when nothing could be published."""
    try:
        position = await publisher.publish_checked(accepted.family, accepted.topic, accepted.payloads)
    except (BrokerUnavailable, Draining) as exc:
        raise unavailable(exc) from None
    count = len(accepted.payloads)
    if accepted.bars_form:
        return BarsPublishResult(published=count).model_dump_json().encode()
    result = PublishResult(published=count, topic=accepted.topic, epoch=position.epoch, seq=position.seq)
    return result.model_dump_json().encode()


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON Schema with its definitions written in place (for the OpenAPI entry)."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return inline(definitions[ref.removeprefix("#/$defs/")])
            return {key: inline(value) for key, value in node.items()}
        return [inline(item) for item in node] if isinstance(node, list) else node

    return dict(inline(schema))


def publish_router(publisher: Publisher, auth: PublishAuth) -> APIRouter:
    router = APIRouter()
    body_schema = {"oneOf": [_schema(TopicPublishRequest), _schema(BarsPublishRequest)]}

    @router.post(
        PUBLISH_PATH,
        responses={
            200: {
                "model": PublishResult | BarsPublishResult,
                "description": "`{published, topic, epoch, seq}`; the bars form answers `{published}`.",
            },
            401: {"description": "A token is set and the request did not carry it."},
            403: {"description": "No token is set and the caller is not on loopback."},
            413: {"description": "The body is larger than `WS_PUBLISH_MAX_BYTES`."},
            422: {"description": "A field or a message is invalid: nothing was published."},
            503: {"description": "The broker is down, or the server is stopping: nothing was published."},
        },
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": body_schema}}}},
    )
    async def publish(request: Request) -> Response:
        """Publish `messages` in order to `topic` (or `bars` to `bars:{symbol}:{resolution}`)."""
        host = request.client.host if request.client else None
        refusal = auth.refusal(host, request.headers.get("authorization", ""))
        if refusal is not None:
            raise refusal
        accepted = accept(await request.body(), request.headers.get("content-type", ""))
        return Response(await publish_accepted(publisher, accepted), media_type="application/json")

    return router


class FastPublish:
    """ASGI middleware in front of `POST /api/v1/publish`. A refused caller is answered from
    the headers alone and a body over `max_bytes` with 413, before either is read whole; an
    authorized, valid request is published straight away; any other request goes on to the app
    (the route above), its body replayed."""

    def __init__(self, app: ASGIApp, publisher: Publisher, auth: PublishAuth, max_bytes: int) -> None:
        self.app, self._publisher, self._auth, self._max_bytes = app, publisher, auth, max_bytes

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
        accepted = _accepted(headers, body)
        if accepted is None:  # the route answers, with FastAPI's own error
            await self.app(scope, _replay(body, receive), send)
            return
        try:
            response = Response(await publish_accepted(self._publisher, accepted), media_type="application/json")
        except HTTPException as exc:
            response = await http_exception_handler(Request(scope), exc)
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


def _accepted(headers: Headers, body: bytes) -> Accepted | None:
    """The request, if the route would accept it as it is."""
    try:
        return accept(body, headers.get("content-type", ""))
    except RequestValidationError:
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
