"""The WebSocket endpoint: admit or refuse an upgrade, then hand the socket to a Connection.

Refusals (origin, token) happen before the handshake completes, so the client sees HTTP 403 and
no socket is held for it. Under `python -m app` an accepted connection leaves its ASGI task at
once (the detached fast path, app/transport/uvicorn_protocol.py); on other servers it is served
by a reader and a writer task (app/transport/socket_link.py).
"""

import uuid
from collections.abc import Awaitable, Callable

from fastapi import WebSocket, status
from starlette.types import Scope

from app.auth.admission import Gate, Refused
from app.stats import Stats
from app.transport.connection import ClientLog, Connections
from app.transport.socket_link import AsgiLink, DetachedLink
from app.transport.uvicorn_protocol import detachable
from generated.protocol import TRY_AGAIN_LATER


def refused(peer: str, scope: Scope, why: str) -> None:
    """Log a refused WebSocket under a client id of its own, like every connection's lines."""
    query = scope["query_string"].decode("latin-1")
    ClientLog(str(uuid.uuid4())).info("refused from %s (%s%s): %s", peer, scope["path"], f"?{query}" * bool(query), why)


def websocket_endpoint(
    gate: Gate, connections: Connections, stats: Stats, max_connections: int
) -> Callable[[WebSocket], Awaitable[None]]:
    async def endpoint(websocket: WebSocket) -> None:
        peer = f"{websocket.client.host}:{websocket.client.port}" if websocket.client else "?"
        try:
            identity = gate.admit(websocket.scope)  # cuts a ?token= from the query string first
        except Refused as refusal:
            stats.refused_connections[refusal.kind] += 1
            refused(peer, websocket.scope, str(refusal))
            await websocket.close(status.WS_1008_POLICY_VIOLATION)  # before accept: HTTP 403
            return
        await websocket.accept()
        if len(connections) >= max_connections:
            stats.refused_connections["full"] += 1
            refused(peer, websocket.scope, f"{TRY_AGAIN_LATER.reason} ({max_connections} connections)")
            await websocket.close(TRY_AGAIN_LATER.code, TRY_AGAIN_LATER.reason)
            return
        connection = connections.new()
        protocol = detachable(websocket.scope)
        if protocol is not None:  # fast path: no task per connection from here on
            connection.attach(DetachedLink(protocol), peer, identity)
            protocol.detach(connection)
            return
        link = AsgiLink(websocket, connection)
        connection.attach(link, peer, identity)
        await link.serve()

    return endpoint
