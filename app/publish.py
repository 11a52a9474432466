"""`POST /api/v1/publish`: bars from producers outside the process, checked, then published.

Every bar of a request is validated (the generated `Bar` model plus OHLC sense) before the
first one is published, so a bad request publishes nothing.
"""

import hmac
import ipaddress
import math
from collections.abc import Callable
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, BaseModel, Field, SecretStr

from app.hub import Hub
from generated.models import Bar, Resolution, Ticker
from generated.protocol import bars_topic


def _ohlc_sense(bar: Bar) -> Bar:
    prices = (bar.open, bar.high, bar.low, bar.close)
    if not all(math.isfinite(price) for price in prices):
        raise ValueError("prices must be finite numbers")
    if bar.high < max(bar.open, bar.close):
        raise ValueError(f"high {bar.high} is below max(open, close) {max(bar.open, bar.close)}")
    if bar.low > min(bar.open, bar.close):
        raise ValueError(f"low {bar.low} is above min(open, close) {min(bar.open, bar.close)}")
    return bar


class PublishRequest(BaseModel):
    symbol: Ticker
    resolution: Resolution = Field("1", description="Bar size; `1` (minute) by default, as for subscribe.")
    bars: list[Annotated[Bar, AfterValidator(_ohlc_sense)]] = Field(
        description="Bars published in this order as `bars.update` of `bars:{symbol}:{resolution}`."
    )


class PublishResult(BaseModel):
    published: int


def _is_loopback(host: str | None) -> bool:
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:  # not an IP address (e.g. a test client's made-up host)
        return False


def publish_guard(token: SecretStr | None) -> Callable[[Request], None]:
    """With a token, require `Authorization: Bearer <token>`; without one, a loopback client."""
    secret = token.get_secret_value().encode() if token is not None else None

    def authorize(request: Request) -> None:
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
        for bar in body.bars:
            await hub.publish(topic, bar)
        return PublishResult(published=len(body.bars))

    return router
