"""A uvicorn WebSocket protocol with a detached, pre-framed fast path.

uvicorn runs one ASGI task per WebSocket for its whole life; with FastAPI around it that costs
~30 KiB per idle connection and an await chain per message sent. This protocol (selected in
`python -m app` through uvicorn's `ws=` option) keeps the ordinary ASGI path for the handshake
and then lets the app *detach*: the endpoint hands over a `FrameSink` and returns, inbound
frames are delivered to the sink synchronously, and outbound frames are bytes the app framed
once (`text_frame`) and writes to the socket directly, the same bytes for every subscriber.
Servers without this extension (e.g. Starlette's TestClient) simply keep the ASGI path.
"""

import logging
import struct
from typing import Any, Protocol

from uvicorn.protocols.utils import ClientDisconnected
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

log = logging.getLogger("app.transport")

EXTENSION = "trading_ws.transport"
TEXT_FIN = 0x81  # FIN + opcode 1 (text); server frames are never masked


def text_frame(payload: bytes) -> bytes:
    """One complete, unmasked WebSocket text frame carrying `payload`."""
    size = len(payload)
    if size < 126:
        return bytes((TEXT_FIN, size)) + payload
    if size < 1 << 16:
        return struct.pack("!BBH", TEXT_FIN, 126, size) + payload
    return struct.pack("!BBQ", TEXT_FIN, 127, size) + payload


class FrameSink(Protocol):
    """What a detached connection receives from the protocol."""

    def on_message(self, data: str | bytes) -> None: ...

    def on_writable(self) -> None: ...

    def on_disconnect(self, code: int) -> None: ...

    def on_shutdown(self) -> None: ...


class FastWebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's sans-I/O WebSocket protocol plus `detach`, `write` and `close` for the app."""

    sink: FrameSink | None = None

    def handle_connect(self, event: Any) -> None:
        super().handle_connect(event)
        scope = getattr(self, "scope", None)
        if scope is not None:
            scope["extensions"][EXTENSION] = self

    # ---- the app's side ------------------------------------------------------------------

    def detach(self, sink: FrameSink) -> None:
        """From now on inbound frames go to `sink`; the ASGI task may return."""
        self.sink = sink
        while not self.queue.empty():  # frames that arrived before the app detached
            message = self.queue.get_nowait()
            if message["type"] == "websocket.receive":
                sink.on_message(message.get("text") or message.get("bytes") or b"")
        if self.read_paused:
            self.read_paused = False
            self.transport.resume_reading()

    def write(self, data: bytes) -> None:
        """Write pre-framed bytes; never blocks (the transport buffers)."""
        if not self.close_sent and not self.disconnected:
            self.transport.write(data)

    def buffered(self) -> int:
        """Bytes accepted but not yet sent to the peer."""
        return self.transport.get_write_buffer_size()

    def close(self, code: int, reason: str, grace: float = 2.0) -> None:
        """Send a close frame; drop the socket if the peer has not answered within `grace`."""
        if self.close_sent or self.disconnected:
            return
        self.conn.send_close(code, reason)
        self.transport.write(b"".join(self.conn.data_to_send()))
        self.close_sent = True
        if self.read_paused:
            self.read_paused = False
            self.transport.resume_reading()
        self.close_timer = self.loop.call_later(grace, self.abort)

    def abort(self) -> None:
        self.close_timer = None
        self.transport.abort()

    # ---- uvicorn's side ------------------------------------------------------------------

    def send_receive_event_to_app(self) -> None:
        if self.sink is None:
            super().send_receive_event_to_app()
            return
        data = self.frames[0] if len(self.frames) == 1 else b"".join(self.frames)
        self.frames = []
        if self.close_sent:
            return
        if self.curr_msg_data_type == "bytes":
            self.sink.on_message(bytes(data))
            return
        try:
            text = bytes(data).decode()
        except UnicodeDecodeError:
            self.close(1007, "Invalid UTF-8")
            return
        self.sink.on_message(text)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self.sink is not None:
            self.sink.on_writable()

    def connection_lost(self, exc: Exception | None) -> None:
        sink, self.sink = self.sink, None
        super().connection_lost(exc)
        if sink is not None:
            close = self.conn.close_rcvd or self.conn.close_sent
            sink.on_disconnect(close.code if close else 1006)

    def shutdown(self) -> None:
        """Server stopping: a detached connection is closed by the app (1001), not uvicorn (1012)."""
        if self.sink is None:
            super().shutdown()
            return
        self.stop_keepalive()
        self.sink.on_shutdown()
        if not self.close_sent:
            self.close(1001, "Server shutting down", grace=0.5)

    async def run_asgi(self) -> None:
        try:
            result = await self.app(self.scope, self.receive, self.send)
        except ClientDisconnected:
            pass
        except BaseException:
            self.logger.exception("Exception in ASGI application\n")
            self.send_500_response()
        else:
            if not self.handshake_complete:
                self.logger.error("ASGI callable returned without completing handshake.")
                self.send_500_response()
            elif result is not None:
                self.logger.error("ASGI callable should return None, but returned '%s'.", result)
        if self.sink is None and self.close_timer is None:
            self.transport.close()


def transport_of(scope: dict[str, Any]) -> FastWebSocketProtocol | None:
    """The fast-path handle of a WebSocket scope, when the server offers one."""
    handle = scope.get("extensions", {}).get(EXTENSION)
    return handle if isinstance(handle, FastWebSocketProtocol) else None


__all__ = ["EXTENSION", "FastWebSocketProtocol", "FrameSink", "text_frame", "transport_of"]
