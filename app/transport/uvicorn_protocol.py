"""The uvicorn WebSocket protocol `python -m app` runs (uvicorn's `ws=` option).

It is uvicorn's websockets sans-I/O protocol plus three things the service needs:

- Detach (the fast path): uvicorn keeps one ASGI task per WebSocket for its whole life,
  ~30 KiB per idle connection under FastAPI, and an await chain per frame sent. After the
  handshake the app may hand this protocol a `FrameSink` and let its endpoint return: inbound
  frames then go to the sink synchronously and outbound frames are bytes the app framed once,
  written straight to the transport; the same bytes serve every subscriber of a topic.
- Shutdown: uvicorn closes open WebSockets itself with 1012 before the app's lifespan
  shutdown runs; here every client gets the spec's 1001 "Server shutting down" instead.
- Oversized frames: the websockets parser rejects a frame above `ws_max_size` after reading
  its header and closes with a reason of its own; here the spec's `error` message
  (message_too_big) goes first and the close carries the spec's reason. A text frame that is
  not UTF-8 reaches the sink as `InvalidText`, which it answers like any other bad input.

Servers without this protocol (other ASGI servers, Starlette's TestClient) simply keep the
ASGI path: the app looks the handle up with `detachable()`.
"""

import functools
import logging
from typing import Any, Protocol

from uvicorn.config import Config
from uvicorn.protocols.utils import ClientDisconnected
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from uvicorn.server import ServerState
from websockets.exceptions import PayloadTooBig
from websockets.frames import CloseCode, Frame, Opcode
from websockets.protocol import OPEN
from websockets.server import ServerProtocol

from generated.models import ErrorPayload
from generated.protocol import CLOSE_RULES, GOING_AWAY
from generated.router import encode, error

EXTENSION = "trading_ws.detach"
DRAIN = "trading_ws.drain"  # lifespan-state key of the app's "the server is stopping" callback
TOO_BIG = CLOSE_RULES["message_too_big"]
SHUTDOWN_GRACE = 0.5  # seconds a stopping server waits for the peers' close replies


class InvalidText(bytes):
    """The bytes of a text frame that are not UTF-8."""


class FrameSink(Protocol):
    """What a detached connection hears from its socket."""

    def on_message(self, data: str | bytes) -> None:
        """A text (str) or binary (bytes) frame, or an InvalidText."""

    def on_too_big(self) -> None:
        """A frame over the size limit: the `error` is sent and the connection closes (1009)."""

    def on_writable(self) -> None: ...

    def on_disconnect(self, code: int) -> None: ...

    def on_shutdown(self) -> None: ...


class _NoQueue:
    """Stands in for the ASGI receive queue of a detached connection: nobody reads it."""

    __slots__ = ()

    def put_nowait(self, item: object) -> None:
        pass

    def empty(self) -> bool:
        return True


class _Flag:
    """The part of asyncio.Event a detached connection uses, without its waiter deque."""

    __slots__ = ("_set",)

    def __init__(self, value: bool) -> None:
        self._set = value

    def set(self) -> None:
        self._set = True

    def clear(self) -> None:
        self._set = False

    def is_set(self) -> bool:
        return self._set


_NO_QUEUE = _NoQueue()


@functools.cache
def too_big_error(max_size: int) -> bytes:
    """The `error` message sent before a 1009: one bytes object for every connection."""
    rule = CLOSE_RULES["message_too_big"]
    payload = ErrorPayload(
        code="message_too_big", message=f"A frame may hold at most {max_size} bytes", retry=rule.retry
    )
    return encode(error(payload))


class _SpecServerProtocol(ServerProtocol):
    """The websockets state machine, failing oversized frames the spec's way."""

    too_big_frame = b""

    def fail(self, code: CloseCode | int, reason: str = "") -> None:
        if code == CloseCode.MESSAGE_TOO_BIG and self.state is OPEN:
            self.send_frame(Frame(Opcode.TEXT, self.too_big_frame))
            code, reason = TOO_BIG.code, TOO_BIG.reason
        super().fail(code, reason)


class SpecWebSocketProtocol(WebSocketsSansIOProtocol):
    sink: FrameSink | None = None

    def __init__(self, config: Config, server_state: ServerState, app_state: dict[str, Any], **kw: Any) -> None:
        super().__init__(config, server_state, app_state, **kw)
        conn = _SpecServerProtocol(
            extensions=self.conn.available_extensions,
            max_size=config.ws_max_size,
            logger=logging.getLogger("uvicorn.error"),
        )
        conn.too_big_frame = too_big_error(config.ws_max_size)
        self.conn = conn

    def handle_connect(self, event: Any) -> None:
        super().handle_connect(event)
        if self.response.status_code == 101:
            self.scope["extensions"][EXTENSION] = self  # type: ignore[assignment]

    # ---- the app's side --------------------------------------------------------------

    def detach(self, sink: FrameSink) -> None:
        """From now on inbound frames go to `sink`; the ASGI task may return."""
        self.sink = sink
        while not self.queue.empty():  # what arrived before the app detached
            message = self.queue.get_nowait()
            if message["type"] == "websocket.receive":
                sink.on_message(message.get("text") or message.get("bytes") or b"")
        if self.disconnected:  # the peer left before the app detached
            self.sink = None
            sink.on_disconnect(1006)
            return
        if self.read_paused:
            self.read_paused = False
            self.transport.resume_reading()
        self._shed_handshake_state()

    def _shed_handshake_state(self) -> None:
        """Free what only the ASGI path and the handshake needed: ~6 KiB per connection.

        The websockets parser keeps the handshake request alive in its generator frame, so its
        headers are emptied rather than just dereferenced.
        """
        self.request.headers.clear()
        self.response.headers.clear()
        del self.request, self.response
        self.scope = {"type": "websocket", "extensions": {}}  # type: ignore[typeddict-item]
        self.queue = _NO_QUEUE  # type: ignore[assignment]
        self.writable = _Flag(self.writable.is_set())  # type: ignore[assignment]

    @property
    def paused(self) -> bool:
        """The transport's buffer is above its high-water mark: the peer is not reading."""
        return not self.writable.is_set()

    def write(self, data: bytes) -> None:
        """Write pre-framed bytes; never blocks (the transport buffers, see `paused`)."""
        if not self.close_sent and not self.disconnected:
            self.transport.write(data)

    def close(self, code: int, reason: str, grace: float = 2.0) -> None:
        """Send a close frame; drop the socket if the peer has not answered within `grace`
        (a close already sent keeps its frame, and its deadline if that comes sooner)."""
        if self.disconnected:
            return
        if not self.close_sent:
            self.conn.send_close(code, reason)
            self.transport.write(b"".join(self.conn.data_to_send()))
            self.close_sent = True
            if self.read_paused:
                self.read_paused = False
                self.transport.resume_reading()
        deadline = self.loop.time() + grace
        if self.close_timer is None or self.close_timer.when() > deadline:
            if self.close_timer is not None:
                self.close_timer.cancel()
            self.close_timer = self.loop.call_at(deadline, self.transport.abort)

    # ---- uvicorn's side --------------------------------------------------------------

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
            self.sink.on_message(InvalidText(data))
            return
        self.sink.on_message(text)

    def handle_parser_exception(self) -> None:
        if self.sink is not None and isinstance(self.conn.parser_exc, PayloadTooBig):
            self.sink.on_too_big()
        super().handle_parser_exception()

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
        drain = self.app_state.get(DRAIN)
        if drain is not None:
            drain()  # before any client hears 1001, publishing stops accepting bars
        if self.sink is not None:
            self.stop_keepalive()
            self.sink.on_shutdown()  # the app flushes what it queued and closes with 1001
            self.close(GOING_AWAY.code, GOING_AWAY.reason, grace=SHUTDOWN_GRACE)  # or hurries its close
            return
        if not self.handshake_complete or self.close_sent or self.transport.is_closing():
            super().shutdown()  # a handshake in progress (500) or a close already under way
            return
        self.stop_keepalive()
        self.queue.put_nowait({"type": "websocket.disconnect", "code": GOING_AWAY.code, "reason": GOING_AWAY.reason})
        self.conn.send_close(GOING_AWAY.code, GOING_AWAY.reason)
        self.transport.write(b"".join(self.conn.data_to_send()))
        self.transport.close()

    async def run_asgi(self) -> None:
        """uvicorn's, except that a detached connection outlives its ASGI task."""
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


def detachable(scope: Any) -> SpecWebSocketProtocol | None:
    """The socket's detach handle, when the server runs SpecWebSocketProtocol."""
    handle = scope.get("extensions", {}).get(EXTENSION)
    return handle if isinstance(handle, SpecWebSocketProtocol) else None
