"""The ASGI app: `create_app()` puts the service's parts together.

In-process producers publish with `await app.state.publisher.publish("bars:AAPL:1", [bar])`.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from prometheus_client import CollectorRegistry, ProcessCollector

from app.auth.admission import Gate
from app.contract import OutgoingCheck
from app.feed.watcher import Feed, running_feed
from app.handlers import StreamHandlers
from app.http.bars_compat import bars_history_router
from app.http.demo_page import web_router
from app.http.docs import docs_router
from app.http.health import health_router
from app.http.history import history_router
from app.http.metrics import Gauges, ServiceCollector, metrics_router, publish_latency
from app.http.publish import FastPublish, PublishAuth, publish_router, validation_error
from app.pubsub.engine import Engine, build_engine, running
from app.pubsub.hub import Hub
from app.settings import Settings, split_list
from app.stats import Stats
from app.transport.connection import Connections
from app.transport.endpoint import websocket_endpoint
from app.transport.flusher import Flusher
from app.transport.framing import check_outgoing
from app.transport.uvicorn_protocol import DRAIN
from generated.protocol import PATH, TITLE, VERSION

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    check_outgoing(OutgoingCheck(settings.asyncapi_path) if settings.validate_outgoing else None)
    stats, registry = Stats(), CollectorRegistry()
    hub = Hub(stats)
    engine = build_engine(settings, hub)
    handlers = StreamHandlers(hub, engine.topics, settings.max_subscriptions)
    connections = Connections(hub, handlers, settings, stats, Flusher(publish_latency(registry).observe))
    gauges = Gauges(lambda: len(connections), hub.subscriptions_by_family, engine.broker_up)
    registry.register(ServiceCollector(stats, gauges))
    ProcessCollector(registry=registry)

    # FastAPI's own /docs and /redoc pages load from a CDN: off. The WebSocket docs live
    # under /api/v1/ws/asyncapi and work offline.
    app = FastAPI(
        title=TITLE,
        version=VERSION,
        lifespan=lifespan(settings, engine, hub, connections, handlers),
        docs_url=None,
        redoc_url=None,
    )
    app.state.publisher, app.state.hub, app.state.engine, app.state.stats = engine.publisher, hub, engine, stats
    publish_auth = PublishAuth(settings.publish_token)
    app.add_middleware(FastPublish, publisher=engine.publisher, auth=publish_auth, max_bytes=settings.publish_max_bytes)
    if origins := split_list(settings.cors_origins):  # added last: outermost, so it covers FastPublish
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"], allow_headers=["*"])
    app.add_exception_handler(RequestValidationError, validation_error)
    for router in (
        publish_router(engine.publisher, publish_auth),
        history_router(engine.history),
        bars_history_router(engine.history),
        docs_router(settings),
        web_router(settings.web_dir),
        metrics_router(registry),
        health_router(engine.broker_url, engine.broker_up, lambda: len(connections), lambda: hub.topic_count),
    ):
        app.include_router(router)
    app.add_api_websocket_route(PATH, websocket_endpoint(Gate(settings), connections, stats, settings.max_connections))
    return app


def lifespan(settings: Settings, engine: Engine, hub: Hub, connections: Connections, handlers: StreamHandlers) -> Any:
    @contextlib.asynccontextmanager
    async def run(_: FastAPI) -> AsyncIterator[dict[str, Any]]:
        async with contextlib.AsyncExitStack() as stack:
            await stack.enter_async_context(running(engine))
            if settings.demo_feed:
                feed = demo_feed(engine, settings)
                watcher = await stack.enter_async_context(
                    running_feed(hub, feed, engine.broker, settings.demo_max_symbols)
                )
                handlers.add_guard(watcher)  # the cap on symbols: `capacity` beyond it
            # app.transport.uvicorn_protocol calls this when the server starts stopping.
            yield {DRAIN: engine.publisher.drain}
            # `python -m app` has already closed every socket with 1001 (see app.transport.uvicorn_protocol);
            # this covers other servers and in-process clients.
            connections.close_all()
            try:
                async with asyncio.timeout(settings.shutdown_timeout):
                    await connections.wait_closed()
            except TimeoutError:
                log.warning("%d connection(s) still open at shutdown", len(connections))

    return run


def demo_feed(engine: Engine, settings: Settings) -> Feed:
    from app.feed.demo import DemoFeed  # loaded only when enabled

    publisher = engine.publisher
    return DemoFeed(publisher.publish, interval=settings.demo_interval, archive=publisher.archive)


app = create_app()
