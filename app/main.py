"""The ASGI app: `create_app()` wires settings, hub, connections, demo feed and routes."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI, WebSocket
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel

from app.connection import Connections
from app.contract import OutgoingCheck
from app.demo import demo_feed, running_feed
from app.docs import docs_router
from app.frames import check_outgoing
from app.handlers import BarsHandlers
from app.hub import Hub
from app.links import AsgiLink, DetachedLink
from app.publish import publish_router, validation_error
from app.server import detachable
from app.settings import Settings
from generated.protocol import PATH, TITLE, VERSION

log = logging.getLogger(__name__)


class Health(BaseModel):
    status: str
    connections: int
    topics: int


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    check_outgoing(OutgoingCheck() if settings.validate_outgoing else None)
    hub = Hub()
    connections = Connections(hub, BarsHandlers(hub), settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            if settings.demo_feed:
                await stack.enter_async_context(running_feed(hub, demo_feed(hub, settings.demo_interval)))
            yield
            # `python -m app` has already closed every socket with 1001 (see app.server);
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
    app.include_router(publish_router(hub, settings.publish_token))
    app.add_exception_handler(RequestValidationError, validation_error)
    app.include_router(docs_router(settings))

    @app.websocket(PATH)
    async def websocket_endpoint(websocket: WebSocket) -> None:
        await websocket.accept()
        connection = connections.new()
        peer = f"{websocket.client.host}:{websocket.client.port}" if websocket.client else "?"
        protocol = detachable(websocket.scope)
        if protocol is not None:  # fast path: no task per connection from here on
            connection.attach(DetachedLink(protocol), peer)
            protocol.detach(connection)
            return
        link = AsgiLink(websocket, connection)
        connection.attach(link, peer)
        await link.serve()

    @app.get("/healthz")
    async def healthz() -> Health:
        return Health(status="ok", connections=len(connections), topics=hub.topic_count)

    return app


app = create_app()
