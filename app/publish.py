"""`POST /api/v1/publish`: bars from producers outside the process, checked, then published.

Every bar of a request is validated (the generated `Bar` model plus OHLC sense) before the
first one is published, so a bad request publishes nothing. Through a broker (Redis) the bars
of a request are published in one transaction, all or none; a broker that is down or fails
during the request answers 503 and the detail says what became of the bars.
"""

import hmac
import ipaddress
from collections.abc import Awaitable, Callable
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, BaseModel, Field, SecretStr

from app.bars import ohlc_sense
from app.broker import BrokerUnavailable
from app.hub import Draining, Hub
from generated.models import Bar, Resolution, Ticker
from generated.protocol import bars_topic


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


def publish_guard(token: SecretStr | None) -> Callable[[Request], Awaitable[None]]:
    """With a token, require `Authorization: Bearer <token>`; without one, a loopback client.
    Async although it never awaits: FastAPI runs a plain `def` dependency in a worker thread,
    a hand-off that cost a third of a publish call's latency."""
    secret = token.get_secret_value().encode() if token is not None else None

    async def authorize(request: Request) -> None:
        if secret is None:
            if not _is_loopback(request.client.host if request.client else None):
                raise HTTPException(
                    status.HTTP_403_FORBIDDEN, "Publishing is open to loopback clients only (no token set)"
                )
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        # compare_digest takes as long for a wrong token as for a right one.
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), secret):
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "A valid bearer token is required",
                headers={"WWW-Authenticate": "Bearer"},
            )

    return authorize


async def validation_error(_: Request, exc: Exception) -> Response:
    """FastAPI's 422 body, rendered with orjson: the request's JSON may hold NaN (Python's
    json module accepts it) and the default renderer would fail echoing it back."""
    assert isinstance(exc, RequestValidationError)
    body = orjson.dumps({"detail": jsonable_encoder(exc.errors())})
    return Response(body, status.HTTP_422_UNPROCESSABLE_CONTENT, media_type="application/json")


def publish_router(hub: Hub, token: SecretStr | None) -> APIRouter:
    router = APIRouter()

    @router.post("/api/v1/publish", dependencies=[Depends(publish_guard(token))])
    async def publish(body: PublishRequest) -> PublishResult:
        """Publish `bars` in order to `bars:{symbol}:{resolution}`."""
        topic = bars_topic(body.symbol, body.resolution)
        try:
            await hub.publish_many(topic, body.bars)
        except (BrokerUnavailable, Draining) as exc:
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc), headers={"Retry-After": "1"}) from None
        return PublishResult(published=len(body.bars))

    return router
