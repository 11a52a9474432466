"""One client: inbound frames in order, heartbeat and lifespan, the outbound policy, close codes.

The connection knows nothing of sockets: a `Link` carries its frames (app.transport.socket_link). Everything
bound for the client (replies, snapshots, updates, the final `error`) is queued on one pending
list that the flusher hands to the link once per event-loop tick, so frames leave in the order
they were queued and publishing is an append. When the client stops reading, the link reports
`paused` and frames wait in a bounded, conflating backlog; past its bounds the client is
closed as a slow consumer and nobody else ever waits.
"""

import asyncio
import enum
import logging
import math
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.auth.tokens import Identity
from app.pubsub.hub import Hub
from app.settings import Settings
from app.stats import Stats
from app.transport.backlog import Backlog
from app.transport.flusher import Flusher
from app.transport.framing import OutFrame, out_frame
from app.transport.rate_limit import TokenBucket
from app.transport.socket_link import Link
from app.transport.uvicorn_protocol import InvalidText
from generated.models import ErrorCode, ErrorDetail, ErrorPayload
from generated.protocol import CLOSE_RULES, GOING_AWAY, INTERNAL_ERROR
from generated.router import FrameError, Handlers, decode_client_frame, dispatch, encode, error

log = logging.getLogger(__name__)

SLOW_CONSUMER = CLOSE_RULES["slow_consumer"]


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

    def __init__(self, client_id: str) -> None:
        super().__init__(log)
        self.prefix = f"client {client_id} "

    def process(self, msg: Any, kwargs: Any) -> tuple[Any, Any]:
        return self.prefix + str(msg), kwargs


class Connection:
    # Slots: ten thousand idle connections should cost little more than their sockets.
    __slots__ = (
        "_after_reply",
        "_backlog",
        "_bucket",
        "_closing",
        "_heartbeat_deadline",
        "_inbox",
        "_lifespan_deadline",
        "_link",
        "_pending",
        "_shared",
        "_timer",
        "_token_deadline",
        "_worker",
        "client_id",
        "state",
        "user",
    )

    def __init__(self, shared: "Shared") -> None:
        self.client_id = str(uuid.uuid4())
        self.state = ConnState.CONNECTING
        self.user: str | None = None  # the `sub` of the connection's token, when authentication is on
        self._shared = shared
        self._link: Link | None = None
        self._pending: list[OutFrame] | None = None
        self._backlog: Backlog | None = None
        self._closing: tuple[int, str] | None = None
        self._after_reply: list[OutFrame] = []
        self._inbox: deque[str | bytes] | None = None
        self._worker: asyncio.Task[None] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._heartbeat_deadline = self._lifespan_deadline = self._token_deadline = 0.0
        self._bucket: TokenBucket | None = None

    @property
    def log(self) -> ClientLog:
        return ClientLog(self.client_id)

    def attach(self, link: Link, peer: str, identity: Identity | None = None) -> None:
        """The handshake is done: start serving over `link`, as `identity` (until its token expires)."""
        self._link = link
        token_expires = identity.expires_at if identity is not None else None
        self.user = identity.subject if identity is not None else None
        settings = self._shared.settings
        now = asyncio.get_running_loop().time()
        self._heartbeat_deadline = now + settings.heartbeat_interval
        self._lifespan_deadline = now + settings.max_lifespan
        self._token_deadline = now + (token_expires - time.time()) if token_expires is not None else math.inf
        self._bucket = TokenBucket(settings.rate_limit, settings.rate_burst, now)
        self._arm_timer()
        self._set_state(ConnState.OPEN)
        log.info("client %s connected from %s", self.client_id, peer)

    # ---- outbound: what the hub and the handlers call ------------------------------------

    def send(self, frame: OutFrame) -> None:
        """Queue one frame; it leaves at the end of this tick. Never blocks."""
        if self.state is not ConnState.OPEN:
            return
        pending = self._pending
        if pending is None:
            self._pending = [frame]
            self._shared.flusher.mark(self)
        else:
            pending.append(frame)

    def send_after_reply(self, frames: list[OutFrame]) -> None:
        """Queue `frames` right after the reply of the message being handled."""
        self._after_reply.extend(frames)

    def flush(self) -> None:
        """Hand the pending frames to the link, or hold them while the client lags."""
        frames, self._pending = self._pending, None
        if frames and self._link is not None:
            if self._backlog is None and not self._link.paused:
                self._link.write(frames)
            else:
                self._hold(frames)
        if self._closing is not None and self._backlog is None:
            self._send_close()

    def _hold(self, frames: list[OutFrame]) -> None:
        backlog = self._backlog
        if backlog is None:
            backlog = self._backlog = Backlog()
        stats, settings = self._shared.stats, self._shared.settings
        for frame in frames:
            stats.conflated_updates += backlog.add(frame)
        if len(backlog) > settings.max_queue or backlog.size > settings.max_queue_bytes:
            self.log.warning("slow consumer: %d frames / %d bytes waiting; closing", len(backlog), backlog.size)
            stats.slow_consumer_closes += 1
            stats.dropped_updates += len(backlog)
            self._backlog = None
            self._pending = None
            self._close(SLOW_CONSUMER.code, SLOW_CONSUMER.reason)

    def on_writable(self) -> None:
        """The client is reading again: send what waited, in order."""
        backlog, self._backlog = self._backlog, None
        if backlog is not None and self._link is not None:
            self._link.write(backlog.drain())
        if self._closing is not None:
            self.flush()

    # ---- closing ---------------------------------------------------------------------------

    def going_away(self) -> None:
        """The server is stopping: close with 1001 once the queued frames are out."""
        self._close(GOING_AWAY.code, GOING_AWAY.reason)

    def on_shutdown(self) -> None:
        self.going_away()
        self.flush()

    def _close(self, code: int, reason: str, last: OutFrame | None = None) -> None:
        if self.state is not ConnState.OPEN:
            return
        if last is not None:
            self.send(last)
        self._set_state(ConnState.CLOSING)
        self._closing = (code, reason)
        self._shared.flusher.mark(self)
        self.log.info("closing: %d %s", code, reason)
        self._shared.hub.remove_all(self)

    def _send_close(self) -> None:
        closing, self._closing = self._closing, None
        if closing is not None and self._link is not None:
            self._link.close(*closing)

    def _fail(self, code: ErrorCode, message: str, errors: list[ErrorDetail] | None = None) -> None:
        """Send the `error` message, then close as the spec's CLOSE_RULES say for `code`."""
        rule, settings = CLOSE_RULES[code], self._shared.settings
        reason = rule.reason.format(
            heartbeat_interval=float(settings.heartbeat_interval),
            max_lifespan=float(settings.max_lifespan),
            rate_limit=settings.rate_limit,
        )
        payload = ErrorPayload(code=code, message=message, retry=rule.retry)
        if errors is not None:  # the model refuses an explicit None, as the spec refuses null
            payload.errors = errors
        frame = out_frame(encode(error(payload)))
        self._shared.stats.messages_out["error"] += 1
        self._close(rule.code, reason, frame)

    def on_too_big(self) -> None:
        self._shared.stats.messages_out["error"] += 1  # sent by the protocol (app/transport/uvicorn_protocol.py)
        self.log.info("a frame over %d bytes; closing", self._shared.settings.max_message_bytes)

    def on_disconnect(self, code: int) -> None:
        """The socket is gone (either side closed it): drop everything of this client."""
        if self.state is ConnState.CLOSED:
            return
        self._set_state(ConnState.CLOSED)
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._pending = self._backlog = self._inbox = None
        self._shared.hub.remove_all(self)
        self._shared.closed(self)
        log.info("client %s closed (%s)", self.client_id, code)

    def _set_state(self, new: ConnState) -> None:
        if new is self.state:
            return
        if new not in _NEXT_STATES[self.state]:
            raise RuntimeError(f"connection state {self.state.value} -> {new.value} is not allowed")
        self.state = new

    # ---- heartbeat and lifespan: one timer, re-armed lazily --------------------------------

    def _arm_timer(self) -> None:
        deadline = min(self._heartbeat_deadline, self._lifespan_deadline, self._token_deadline)
        self._timer = asyncio.get_running_loop().call_at(deadline, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        if self.state is not ConnState.OPEN:
            return
        now, settings = asyncio.get_running_loop().time(), self._shared.settings
        if now >= self._token_deadline:
            self._fail("token_expired", "The token this connection was opened with has expired")
        elif now >= self._lifespan_deadline:
            self._fail("lifespan_exceeded", f"Connection lifespan of {settings.max_lifespan} s is over")
        elif now >= self._heartbeat_deadline:
            self._fail("heartbeat_timeout", f"No valid message within {settings.heartbeat_interval} s")
        else:  # a valid message moved the heartbeat deadline: sleep until the new one
            self._arm_timer()

    # ---- inbound: frames are handled one at a time, in arrival order -----------------------

    def on_message(self, data: str | bytes) -> None:
        if self.state is not ConnState.OPEN:
            return
        inbox = self._inbox
        if inbox is None:
            inbox = self._inbox = deque()
        inbox.append(data)
        if self._worker is None:
            self._worker = asyncio.get_running_loop().create_task(self._work())

    async def _work(self) -> None:
        try:
            while self._inbox and self.state is ConnState.OPEN:
                try:
                    await self._handle(self._inbox.popleft())
                except Exception:  # a handler's (or a watcher's) bug ends this connection only
                    self.log.exception("handling a frame failed; closing")
                    self._after_reply.clear()
                    self._close(INTERNAL_ERROR.code, INTERNAL_ERROR.reason)
        finally:
            self._worker = self._inbox = None  # an idle connection keeps neither

    async def _handle(self, data: str | bytes) -> None:
        limit = self._shared.settings.max_message_bytes
        if self._bucket is not None and not self._bucket.take(asyncio.get_running_loop().time()):
            self._shared.stats.rate_limited_closes += 1
            rate = self._shared.settings.rate_limit
            self._fail("rate_limited", f"More than {rate} messages per second (bursts of {self._bucket.burst})")
        elif isinstance(data, InvalidText):
            self._fail("invalid_utf8", "A text frame was not valid UTF-8")
        elif not isinstance(data, str):
            self._fail("invalid_frame", "Binary frames are not accepted; send JSON text frames")
        elif len(data) * 4 > limit and len(data.encode()) > limit:
            # uvicorn enforces this limit itself under `python -m app`; other servers do not.
            self._fail("message_too_big", f"A frame may hold at most {limit} bytes")
        else:
            await self._handle_text(data)

    async def _handle_text(self, text: str) -> None:
        try:
            request = decode_client_frame(text)
        except FrameError as exc:
            details = [ErrorDetail(path=path, message=problem) for path, problem in exc.errors]
            self._fail(exc.code, exc.message, details or None)
            return
        self._shared.stats.messages_in[request.type] += 1
        self._heartbeat_deadline = asyncio.get_running_loop().time() + self._shared.settings.heartbeat_interval
        reply = await dispatch(self._shared.handlers, self, request)
        out = self._shared.stats.messages_out
        if reply is not None:
            out[reply.type] += 1
            self.send(out_frame(encode(reply)))
        for frame in self._after_reply:
            out[frame.kind] += 1
            self.send(frame)
        self._after_reply.clear()


@dataclass(slots=True)
class Shared:
    """What every connection of one app shares (one reference per connection, not six)."""

    hub: Hub
    handlers: Handlers[Connection]
    settings: Settings
    flusher: Flusher
    stats: Stats
    closed: Callable[[Connection], None]


class Connections:
    """The open connections: counted for /healthz, closed with 1001 when the app stops."""

    def __init__(
        self, hub: Hub, handlers: Handlers[Connection], settings: Settings, stats: Stats, flusher: Flusher
    ) -> None:
        self._shared = Shared(hub, handlers, settings, flusher, stats, self._closed)
        self._open: set[Connection] = set()
        self._empty = asyncio.Event()
        self._empty.set()

    def __len__(self) -> int:
        return len(self._open)

    def new(self) -> Connection:
        connection = Connection(self._shared)
        self._open.add(connection)
        self._empty.clear()
        return connection

    def _closed(self, connection: Connection) -> None:
        self._open.discard(connection)
        if not self._open:
            self._empty.set()

    def close_all(self) -> None:
        """Close every connection with 1001 once its queued frames are out."""
        for connection in tuple(self._open):
            connection.going_away()

    async def wait_closed(self) -> None:
        await self._empty.wait()
