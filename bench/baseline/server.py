"""The baseline: the original design (shared/spec/trading-ws-original.md) rebuilt on fastws 0.1.7.

Runs from its own virtualenv (bench/.venv-baseline, pinned by requirements.txt beside this
file), never imports the service. It follows the original document: a `FastWSAdapter` whose
`publish(topic, data)` goes through `server_send` (a Pydantic `Message` per bar, the
`bars.update` RECEIVE operation, then fastws' `broadcast`: one TaskGroup of `send_text` per
subscriber), an `OperationRouter` for `bars.subscribe` / `bars.unsubscribe`, heartbeat 30 s
and lifespan 3600 s (overridable by the same WS_HEARTBEAT_INTERVAL / WS_MAX_LIFESPAN as the
service, so the bench can set them high). Added for the bench: the service's
`POST /api/v1/publish` body and reply, so one publisher drives both servers.

    bench/.venv-baseline/bin/python bench/baseline/server.py --host 127.0.0.1 --port P
"""

import argparse
import os
from typing import Annotated

import uvicorn
from fastapi import Depends, FastAPI
from fastws import Client, FastWS, Message, OperationRouter
from pydantic import BaseModel

# -- plugins/fastws_adapter.py


class FastWSAdapter(FastWS):
    """Self-contained WebSocket adapter with embedded endpoint"""

    async def publish(self, topic: str, data: BaseModel, message_type: str = "bars.update") -> None:
        """broadcast data update to all subscribed clients"""
        message = Message(type=message_type, payload=data.model_dump())
        await self.server_send(message, topic=topic)


# -- ws/common.py and ws/datafeed.py


class Bar(BaseModel):
    time: int
    open: float
    high: float
    low: float
    close: float
    volume: int


class SubscriptionParams(BaseModel):
    resolution: str = "1"


class SubscriptionRequest(BaseModel):
    symbol: str
    params: SubscriptionParams = SubscriptionParams()


class SubscriptionResponse(BaseModel):
    status: str
    symbol: str
    message: str
    topic: str


def bars_topic_builder(symbol: str, params: SubscriptionParams) -> str:
    return f"bars:{symbol}:{params.resolution}"


router = OperationRouter(prefix="bars.", tags=["datafeed"])


@router.send("subscribe", reply="subscribe.response")
async def send_subscribe(payload: SubscriptionRequest, client: Client) -> SubscriptionResponse:
    topic = bars_topic_builder(payload.symbol, payload.params)
    client.subscribe(topic)
    return SubscriptionResponse(
        status="ok", symbol=payload.symbol, message=f"Subscribed to {payload.symbol}", topic=topic
    )


@router.send("unsubscribe", reply="unsubscribe.response")
async def send_unsubscribe(payload: SubscriptionRequest, client: Client) -> SubscriptionResponse:
    topic = bars_topic_builder(payload.symbol, payload.params)
    client.unsubscribe(topic)
    return SubscriptionResponse(
        status="ok", symbol=payload.symbol, message=f"Unsubscribed from {payload.symbol}", topic=topic
    )


@router.recv("update")
async def update(payload: Bar) -> Bar:
    """Broadcast data updates to subscribed clients"""
    return payload


# -- main.py

apiApp = FastAPI(title="Trading API (baseline: fastws 0.1.7)")

wsApp = FastWSAdapter(
    title="Trading WebSockets",
    version="1.0.0",
    heartbeat_interval=float(os.environ.get("WS_HEARTBEAT_INTERVAL", "30")),
    max_connection_lifespan=float(os.environ.get("WS_MAX_LIFESPAN", "3600")),
    asyncapi_url="/api/v1/ws/asyncapi.json",
    asyncapi_docs_url="/api/v1/ws/asyncapi",
)
wsApp.include_router(router)
wsApp.setup(apiApp)


@apiApp.websocket("/api/v1/ws")
async def websocket_endpoint(client: Annotated[Client, Depends(wsApp.manage)]) -> None:
    await wsApp.serve(client)


# -- the service's publish endpoint, same request and reply


class PublishRequest(BaseModel):
    symbol: str
    resolution: str = "1"
    bars: list[Bar]


class PublishResult(BaseModel):
    published: int


@apiApp.post("/api/v1/publish")
async def publish(body: PublishRequest) -> PublishResult:
    topic = f"bars:{body.symbol}:{body.resolution}"
    for bar in body.bars:
        await wsApp.publish(topic, bar)
    return PublishResult(published=len(body.bars))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args()
    # uvicorn's defaults otherwise (as `uvicorn main:app` would run it): websockets-sansio,
    # its 20 s keep-alive ping, permessage-deflate offered (the bench client does not accept it).
    uvicorn.run(apiApp, host=args.host, port=args.port, loop="uvloop", http="httptools", log_level=args.log_level)
