"""The ASGI app: `create_app()` wires settings, hub, connections, demo feed and routes."""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import FastAPI, Response, WebSocket, status
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, ProcessCollector, generate_latest
from pydantic import BaseModel
from starlette.types import Scope

from app.auth.admission import Gate, Refused
from app.contract import OutgoingCheck
from app.feed.watcher import Feed, demo_feed, running_feed
from app.handlers import BarsHandlers
from app.http.demo_page import web_router
from app.http.docs import docs_router
from app.http.history import BarHistory, BrokerHistory, MemoryHistory, history_router
from app.http.metrics import Gauges, ServiceCollector, publish_latency
from app.http.publish import FastPublish, PublishAuth, publish_router, validation_error
from app.pubsub.broker import Broker, BrokerUnavailable, broker_from_url
from app.pubsub.hub import Hub
from app.pubsub.relay import Relay
from app.settings import Settings, split_list
from app.stats import Stats
from app.transport.connection import ClientLog, Connections
from app.transport.flusher import Flusher
from app.transport.framing import check_outgoing
from app.transport.socket_link import AsgiLink, DetachedLink
from app.transport.uvicorn_protocol import DRAIN, detachable
from generated.protocol import PATH, TITLE, TRY_AGAIN_LATER, VERSION

log = logging.getLogger(__name__)


class BrokerHealth(BaseModel):
    url: str
    state: Literal["up", "down"]


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    connections: int
    topics: int
    broker: BrokerHealth


def refused(peer: str, scope: Scope, why: str) -> None:
    """Log a refused WebSocket under a client id of its own, like every connection's lines."""
    query = scope["query_string"].decode("latin-1")
    ClientLog(str(uuid.uuid4())).info("refused from %s (%s%s): %s", peer, scope["path"], f"?{query}" * bool(query), why)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    check_outgoing(OutgoingCheck() if settings.validate_outgoing else None)
    broker = broker_from_url(
        settings.broker_url,
        prefix=settings.broker_prefix,
        snapshot_ttl=settings.snapshot_ttl,
        history_size=settings.history_size,
        timeout=settings.broker_timeout,
        reconnect_max=settings.broker_reconnect_max,
    )
    shared = None if broker.local else broker  # memory://: the hub alone, publishing with no hop
    stats, registry = Stats(), CollectorRegistry()
    hub = Hub(shared, stats, max_topics=settings.history_topics)
    relay = Relay(hub, shared, timeout=settings.broker_timeout) if shared is not None else None
    history: BarHistory
    if shared is None:
        history = MemoryHistory(settings.history_size, settings.history_topics)
        hub.add_tap(history.record)  # every delivered bar, the demo feed's included
    else:  # shared by every worker: each publish adds to it, the relay adds the demo's bars
        history = BrokerHistory(shared)
    handlers = BarsHandlers(hub, relay, settings.max_subscriptions)
    flusher = Flusher(publish_latency(registry).observe)
    connections = Connections(hub, handlers, settings, stats, flusher)
    gate = Gate(settings)
    gauges = Gauges(lambda: len(connections), hub.subscriptions_by_resolution, lambda: broker.healthy)
    registry.register(ServiceCollector(stats, gauges))
    ProcessCollector(registry=registry)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[dict[str, Any]]:
        async with contextlib.AsyncExitStack() as stack:
            await connect(broker)
            stack.push_async_callback(broker.disconnect)
            if relay is not None:
                relay.start()
                stack.push_async_callback(relay.stop)
            if settings.demo_feed:
                await stack.enter_async_context(running_feed(hub, feed(hub, settings, relay is not None)))
            # app.transport.uvicorn_protocol calls this when the server starts stopping (the lifespan state reaches it).
            yield {DRAIN: hub.drain}
            # `python -m app` has already closed every socket with 1001 (see app.transport.uvicorn_protocol);
            # this covers other servers and in-process clients.
            connections.close_all()
            try:
                async with asyncio.timeout(settings.shutdown_timeout):
                    await connections.wait_closed()
            except TimeoutError:
                log.warning("%d connection(s) still open at shutdown", len(connections))

    # FastAPI's own /docs and /redoc pages load from a CDN: off. The WebSocket docs live
    # under /api/v1/ws/asyncapi and work offline.
    app = FastAPI(title=TITLE, version=VERSION, lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.hub = hub  # for in-process producers: `await app.state.hub.publish(topic, bar)`
    app.state.broker = broker
    app.state.stats = stats
    publish_auth = PublishAuth(settings.publish_token)
    app.add_middleware(FastPublish, hub=hub, auth=publish_auth, max_bytes=settings.publish_max_bytes)
    if origins := split_list(settings.cors_origins):  # added last: outermost, so it covers FastPublish
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"], allow_headers=["*"])
    app.include_router(publish_router(hub, publish_auth))
    app.add_exception_handler(RequestValidationError, validation_error)
    app.include_router(docs_router(settings))
    app.include_router(history_router(history))
    app.include_router(web_router(settings.web_dir))

    @app.websocket(PATH)
    async def websocket_endpoint(websocket: WebSocket) -> None:
        peer = f"{websocket.client.host}:{websocket.client.port}" if websocket.client else "?"
        try:
            identity = gate.admit(websocket.scope)  # cuts a ?token= from the query string first
        except Refused as refusal:
            stats.refused_connections[refusal.kind] += 1
            refused(peer, websocket.scope, str(refusal))
            await websocket.close(status.WS_1008_POLICY_VIOLATION)  # before accept: HTTP 403
            return
        await websocket.accept()
        if len(connections) >= settings.max_connections:
            stats.refused_connections["full"] += 1
            refused(peer, websocket.scope, f"{TRY_AGAIN_LATER.reason} ({settings.max_connections} connections)")
            await websocket.close(TRY_AGAIN_LATER.code, TRY_AGAIN_LATER.reason)
            return
        connection = connections.new()
        expires = identity.expires_at if identity else None
        protocol = detachable(websocket.scope)
        if protocol is not None:  # fast path: no task per connection from here on
            connection.attach(DetachedLink(protocol), peer, expires)
            protocol.detach(connection)
            return
        link = AsgiLink(websocket, connection)
        connection.attach(link, peer, expires)
        await link.serve()

    @app.get("/metrics", response_class=PlainTextResponse, summary="Prometheus metrics")
    async def metrics() -> PlainTextResponse:
        return PlainTextResponse(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/healthz", responses={503: {"model": Health, "description": "The broker is down."}})
    async def healthz(response: Response) -> Health:
        up = broker.healthy
        if not up:
            response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return Health(
            status="ok" if up else "degraded",
            connections=len(connections),
            topics=hub.topic_count,
            broker=BrokerHealth(url=broker.url, state="up" if up else "down"),
        )

    return app


async def connect(broker: Broker) -> None:
    """Startup fails, naming the URL, if the broker is unreachable."""
    try:
        await broker.connect()
    except BrokerUnavailable as exc:
        log.error("%s", exc)
        raise


def feed(hub: Hub, settings: Settings, relayed: bool) -> Feed:
    if not relayed:
        return demo_feed(hub, settings.demo_interval)
    # Behind a broker each worker still feeds only its own clients: the demo market is the same
    # function of (symbol, time) in every process (app/feed/market.py), so they all agree, and
    # publishing through Redis would deliver each bar once per worker that watches it.
    from app.feed.demo import DemoFeed

    return DemoFeed(hub.publish_local, interval=settings.demo_interval, archive=hub.archive)


app = create_app()
