"""`GET /healthz`: the process answers, how many clients it holds, and whether its broker is up
(503 while it is down)."""

from collections.abc import Callable
from typing import Literal

from fastapi import APIRouter, Response, status
from pydantic import BaseModel


class BrokerHealth(BaseModel):
    url: str
    state: Literal["up", "down"]


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    connections: int
    topics: int
    broker: BrokerHealth


def health_router(
    broker_url: str, broker_up: Callable[[], bool], connections: Callable[[], int], topics: Callable[[], int]
) -> APIRouter:
    router = APIRouter()

    @router.get("/healthz", responses={503: {"model": Health, "description": "The broker is down."}})
    async def healthz(response: Response) -> Health:
        up = broker_up()
        if not up:
            response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return Health(
            status="ok" if up else "degraded",
            connections=connections(),
            topics=topics(),
            broker=BrokerHealth(url=broker_url, state="up" if up else "down"),
        )

    return router
