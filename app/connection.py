"""One client socket: receive loop with heartbeat and lifespan timers, writer, close codes.

The receiver and the writer run in one task group. The receiver decodes and dispatches
client frames; everything bound for the client (replies, snapshots, updates, the final
`error` and close) goes through one bounded outbox drained by the writer, so frames leave in
the order they were queued and publishing never waits on this socket.
"""

import asyncio
import enum
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

from starlette.status import WS_1008_POLICY_VIOLATION, WS_1011_INTERNAL_ERROR
from starlette.types import Message
from starlette.websockets import WebSocket, WebSocketDisconnect

from app.hub import Hub
from app.outbox import CloseFrame, Outbox
from app.settings import Settings
from generated.models import ErrorCode, ErrorDetail, ErrorPayload
from generated.protocol import CLOSE_RULES, GOING_AWAY
from generated.router import FrameError, Handlers, decode_client_frame, dispatch, encode, error

log = logging.getLogger(__name__)

CLOSE_GRACE = 5.0
"""Seconds the writer gets to deliver a queued close once reading has stopped; a client that
cannot take it by then (its socket never drains) is dropped without it."""


class ConnState(enum.Enum):
    CONNECTING = "connecting"
    OPEN = "open"
    CLOSING = "closing"  # a close is queued behind the frames still to send
    CLOSED = "closed"


_NEXT_STATES = {
    ConnState.CONNECTING: {ConnState.OPEN, ConnState.CLOSED},
    ConnState.OPEN: {ConnState.CLOSING, ConnState.CLOSED},
    ConnState.CLOSING: {ConnState.CLOSED},
    ConnState.CLOSED: set(),
}


class ClientLog(logging.LoggerAdapter[logging.Logger]):
    """Prefixes every line with the connection's client id."""

    def __init__(self, client_id: uuid.UUID) -> None:
        super().__init__(log)
        self.prefix = f"client {client_id} "

    def process(self, msg: Any, kwargs: Any) -> tuple[Any, Any]:
        return self.prefix + str(msg), kwargs


class Connection:
    def __init__(self, websocket: WebSocket, hub: Hub, handlers: Handlers["Connection"], settings: Settings) -> None:
        self.client_id = uuid.uuid4()
        self.log = ClientLog(self.client_id)
        self.state = ConnState.CONNECTING
        self._ws = websocket
        self._hub = hub
        self._handlers = handlers
        self._settings = settings
        self._outbox = Outbox(settings.send_queue_size)
        self._after_reply: list[bytes] = []
        self._heartbeat_deadline = 0.0
        self._lifespan_deadline = 0.0

    # -- what the hub and the handlers call

    def send_frame(self, frame: bytes) -> None:
        """Queue one encoded text frame; a client too far behind is closed, never waited for."""
        if not self._outbox.put(frame):
            self.log.warning("send queue full (%d frames): closing", self._settings.send_queue_size)
            self._close(WS_1008_POLICY_VIOLATION, "Slow consumer", drop_pending=True)

    def send_after_reply(self, frame: bytes) -> None:
        """Queue `frame` right after the reply of the message being handled."""
        self._after_reply.append(frame)

    def going_away(self) -> None:
        """Close with 1001 once the queued frames are out (the server is stopping)."""
        self._close(GOING_AWAY.code, GOING_AWAY.reason)

    # -- lifecycle

    async def run(self) -> None:
        await self._ws.accept()
        now = asyncio.get_running_loop().time()
        self._heartbeat_deadline = now + self._settings.heartbeat_interval
        self._lifespan_deadline = now + self._settings.max_lifespan
        self._set_state(ConnState.OPEN)
        client = self._ws.client
        self.log.info("connected from %s:%s", client.host if client else "?", client.port if client else "?")
        try:
            await self._serve()
        finally:
            self._hub.remove_all(self)
            self._set_state(ConnState.CLOSED)
            self.log.info("closed")

    async def _serve(self) -> None:
        async with asyncio.TaskGroup() as tasks:
            reader = tasks.create_task(self._read_loop())
            writer = tasks.create_task(self._write_loop())
            # The writer ends after the close frame or when the socket is gone: stop reading.
            writer.add_done_callback(lambda _: reader.cancel())
            reader.add_done_callback(lambda _: self._reading_stopped(writer))

    def _reading_stopped(self, writer: "asyncio.Task[None]") -> None:
        if not self._outbox.closing:  # the peer left: there is nobody to write to
            writer.cancel()
            return
        # A close is queued: the writer sends it after the frames before it, within the grace.
        deadline = asyncio.get_running_loop().call_later(CLOSE_GRACE, writer.cancel)
        writer.add_done_callback(lambda _: deadline.cancel())

    def _set_state(self, new: ConnState) -> None:
        if new is self.state:
            return
        if new not in _NEXT_STATES[self.state]:
            raise RuntimeError(f"connection state {self.state.value} -> {new.value} is not allowed")
        self.state = new

    def _close(self, code: int, reason: str, last: bytes | None = None, *, drop_pending: bool = False) -> None:
        if self.state is ConnState.OPEN and self._outbox.close(code, reason, last, drop_pending=drop_pending):
            self._set_state(ConnState.CLOSING)
            self.log.info("closing: %d %s", code, reason)

    def _fail(self, code: ErrorCode, message: str, errors: list[ErrorDetail] | None = None) -> None:
        """Send the `error` message, then close as the spec's CLOSE_RULES say for `code`."""
        rule = CLOSE_RULES[code]
        reason = rule.reason.format(
            heartbeat_interval=float(self._settings.heartbeat_interval),
            max_lifespan=float(self._settings.max_lifespan),
        )
        frame = encode(error(ErrorPayload(code=code, message=message, errors=errors)))
        self._close(rule.code, reason, frame)

    # -- receiving

    async def _read_loop(self) -> None:
        while self.state is ConnState.OPEN:
            message = await self._receive()
            if message is None:
                return
            if message["type"] == "websocket.disconnect":
                self.log.info("disconnected: %s %s", message.get("code"), message.get("reason") or "")
                return
            await self._handle(message)

    async def _receive(self) -> Message | None:
        """The next ASGI event, or None once a time limit is hit (the close is then queued)."""
        try:
            async with asyncio.timeout_at(min(self._heartbeat_deadline, self._lifespan_deadline)):
                return await self._ws.receive()
        except TimeoutError:
            if self._lifespan_deadline <= self._heartbeat_deadline:
                self._fail("lifespan_exceeded", f"Connection lifespan of {self._settings.max_lifespan} s is over")
            else:
                self._fail("heartbeat_timeout", f"No valid message within {self._settings.heartbeat_interval} s")
            return None

    async def _handle(self, message: Message) -> None:
        text = message.get("text")
        if text is None:
            self._fail("invalid_frame", "Binary frames are not accepted; send JSON text frames")
        elif len(text.encode()) > self._settings.max_message_bytes:
            # uvicorn enforces this limit itself under `python -m app`; other servers do not.
            self._fail("message_too_big", f"A frame may hold at most {self._settings.max_message_bytes} bytes")
        else:
            await self._handle_text(text)

    async def _handle_text(self, text: str) -> None:
        try:
            request = decode_client_frame(text)
        except FrameError as exc:
            details = [ErrorDetail(path=path, message=problem) for path, problem in exc.errors]
            self._fail(cast(ErrorCode, exc.code), exc.message, details or None)
            return
        self._heartbeat_deadline = asyncio.get_running_loop().time() + self._settings.heartbeat_interval
        try:
            reply = await dispatch(self._handlers, self, request)
        except Exception:
            self.log.exception("handler of %s failed", request.type)
            self._after_reply.clear()
            self._close(WS_1011_INTERNAL_ERROR, "Internal error")
            return
        if reply is not None:
            self.send_frame(encode(reply))
        for frame in self._after_reply:
            self.send_frame(frame)
        self._after_reply.clear()

    # -- sending

    async def _write_loop(self) -> None:
        try:
            while True:
                item = await self._outbox.get()
                if isinstance(item, CloseFrame):
                    await self._ws.close(item.code, item.reason)
                    return
                # ASGI text frames are str; the pre-framed fast path will drop this decode.
                await self._ws.send({"type": "websocket.send", "text": item.decode()})
        except WebSocketDisconnect:
            self.log.info("socket gone while sending")


class Connections:
    """The open connections: counted for /healthz, closed with 1001 when the app stops."""

    def __init__(self) -> None:
        self._open: set[Connection] = set()
        self._empty = asyncio.Event()
        self._empty.set()

    def __len__(self) -> int:
        return len(self._open)

    @asynccontextmanager
    async def track(self, connection: Connection) -> AsyncIterator[None]:
        self._open.add(connection)
        self._empty.clear()
        try:
            yield
        finally:
            self._open.discard(connection)
            if not self._open:
                self._empty.set()

    def close_all(self) -> None:
        """Close every connection with 1001 once its queued frames are out."""
        for connection in tuple(self._open):
            connection.going_away()

    async def wait_closed(self) -> None:
        await self._empty.wait()
