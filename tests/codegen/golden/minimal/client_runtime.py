# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# body-sha256: 3c8ef9b028b3b6f293aabec49b0c00a811d314adf3051098c7b4cd694b92e9aa  generator: codegen 1.0.0
"""The message-independent part of the generated asyncio client: one connection that reconnects
with capped, full-jitter exponential backoff, replays its subscriptions after every reconnect,
keeps itself alive with pings, matches replies to requests and routes updates by topic. A frame
it cannot read is reported and skipped; any other failure counts as a lost connection."""

import asyncio
import contextlib
import enum
import logging
import random
from collections import deque
from collections.abc import Callable
from typing import Any, Self

import orjson
import websockets
from websockets.asyncio.client import ClientConnection

log = logging.getLogger("minimal_api.client")

JsonObject = dict[str, Any]
UpdateCallback = Callable[[JsonObject], None]
StateCallback = Callable[["ConnectionState", "ConnectionState"], None]
ErrorCallback = Callable[["InvalidFrame"], None]


class ConnectionState(enum.Enum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    CLOSED = "closed"


class ReplyTimeout(TimeoutError):
    """A request's reply did not come in time."""


class ServerError(Exception):
    """The server sent an `error` message before closing the connection."""

    def __init__(self, frame: JsonObject) -> None:
        payload = frame.get("payload")
        payload = payload if isinstance(payload, dict) else {}
        super().__init__(f"{payload.get('code')}: {payload.get('message')}")
        self.frame = frame


class InvalidFrame(ValueError):
    """A frame from the server that is not JSON, not a JSON object, or breaks its message's
    schema; the client skips it and keeps the connection."""

    def __init__(self, reason: str, raw: object) -> None:
        super().__init__(f"{reason}; frame: {str(raw)[:200]}")
        self.raw = raw


class Backoff:
    """Full-jitter exponential backoff: a random delay in [0, min(cap, base * 2**attempt)]."""

    def __init__(self, base: float, cap: float) -> None:
        self.base, self.cap, self.attempt = base, cap, 0

    def next_delay(self) -> float:
        delay = random.uniform(0, min(self.cap, self.base * 2**self.attempt))
        self.attempt += 1
        return delay

    def reset(self) -> None:
        self.attempt = 0


class ClientRuntime:
    """Owns the socket. Typed methods of the generated client sit on top of `request`."""

    def __init__(
        self,
        url: str,
        *,
        reply_timeout: float = 10.0,
        keepalive_interval: float | None = None,
        backoff_base: float = 0.25,
        backoff_cap: float = 30.0,
        ping_frame: bytes | None = None,
        ping_reply: str | None = None,
    ) -> None:
        self.url = url
        self.reply_timeout = reply_timeout
        self.keepalive_interval = keepalive_interval
        self.backoff = Backoff(backoff_base, backoff_cap)
        self.state = ConnectionState.DISCONNECTED
        self.last_error: ServerError | None = None
        self._ping = (ping_frame, ping_reply)
        self._ws: ClientConnection | None = None
        self._connected = asyncio.Event()
        self._pending: dict[str, deque[asyncio.Future[JsonObject]]] = {}
        self._listeners: dict[str, list[UpdateCallback]] = {}
        self._replay: dict[
            str, tuple[bytes, str | None]
        ] = {}  # topic -> subscribe frame, reply type
        self._state_callbacks: list[StateCallback] = []
        self._error_callbacks: list[ErrorCallback] = []
        self._task: asyncio.Task[None] | None = None

    # ---- lifecycle ---------------------------------------------------------------------

    async def connect(self, timeout: float | None = None) -> None:
        """Start the connection loop and wait for the first successful connect."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"ws-client {self.url}")
        await asyncio.wait_for(self._connected.wait(), timeout or self.reply_timeout)

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._set_state(ConnectionState.CLOSED)

    async def __aenter__(self) -> Self:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def on_state_change(self, callback: StateCallback) -> None:
        self._state_callbacks.append(callback)

    def on_error(self, callback: ErrorCallback) -> None:
        """Call `callback` with each InvalidFrame the client skipped."""
        self._error_callbacks.append(callback)

    def _set_state(self, new: ConnectionState) -> None:
        old, self.state = self.state, new
        if old is not new:
            log.debug("client %s: %s -> %s", self.url, old.value, new.value)
            for callback in self._state_callbacks:
                callback(old, new)

    # ---- requests and updates ----------------------------------------------------------

    async def request(self, frame: bytes, reply_type: str | None) -> JsonObject | None:
        """Send one frame once connected; return its reply frame (replies come in order)."""
        await asyncio.wait_for(self._connected.wait(), self.reply_timeout)
        return await self._request_now(frame, reply_type)

    async def _request_now(self, frame: bytes, reply_type: str | None) -> JsonObject | None:
        if reply_type is None:
            await self._send(frame)
            return None
        future: asyncio.Future[JsonObject] = asyncio.get_running_loop().create_future()
        self._pending.setdefault(reply_type, deque()).append(future)
        try:
            await self._send(frame)
            return await asyncio.wait_for(future, self.reply_timeout)
        except TimeoutError:
            raise ReplyTimeout(f"no {reply_type!r} within {self.reply_timeout} s") from None
        finally:
            queue = self._pending.get(reply_type)
            if queue and future in queue:
                queue.remove(future)

    def listen(
        self, topic: str, callback: UpdateCallback, subscribe: tuple[bytes, str | None]
    ) -> None:
        """Route the topic's updates to `callback`; `subscribe` (frame, reply type) is replayed
        after every reconnect."""
        self._listeners.setdefault(topic, []).append(callback)
        self._replay[topic] = subscribe

    def unlisten(self, topic: str, callback: UpdateCallback) -> bool:
        """Drop a listener; True when it was the topic's last one."""
        callbacks = self._listeners.get(topic, [])
        if callback in callbacks:
            callbacks.remove(callback)
        if callbacks:
            return False
        self._listeners.pop(topic, None)
        self._replay.pop(topic, None)
        return True

    async def _send(self, frame: bytes) -> None:
        if self._ws is None:
            raise ConnectionError("not connected")
        try:
            await self._ws.send(frame.decode())
        except websockets.ConnectionClosed as exc:
            raise ConnectionError(f"connection lost: {exc}") from exc

    # ---- the connection loop -----------------------------------------------------------

    async def _run(self) -> None:
        while True:
            self._set_state(
                ConnectionState.CONNECTING
                if self.backoff.attempt == 0
                else ConnectionState.RECONNECTING
            )
            try:
                async with websockets.connect(self.url, open_timeout=self.reply_timeout) as ws:
                    await self._serve(ws)
            except (OSError, websockets.WebSocketException, TimeoutError) as exc:
                log.info("client %s: disconnected: %s", self.url, exc)
            except Exception:
                # A bug must not leave the client dead while `state` says CONNECTED: drop the
                # socket and reconnect like after any other failure.
                log.exception("client %s: unexpected error; reconnecting", self.url)
            finally:
                self._disconnected()
            delay = self.backoff.next_delay()
            self._set_state(ConnectionState.RECONNECTING)
            await asyncio.sleep(delay)

    async def _serve(self, ws: ClientConnection) -> None:
        self._ws = ws
        self.backoff.reset()
        reader = asyncio.create_task(self._read(ws))
        try:
            await self._resubscribe()
            self._set_state(ConnectionState.CONNECTED)
            self._connected.set()
            keepalive = asyncio.create_task(self._keepalive())
            try:
                await reader
            finally:
                keepalive.cancel()
        finally:
            reader.cancel()

    async def _resubscribe(self) -> None:
        """Replay every active subscription on a fresh socket before user requests go out."""
        for topic, (frame, reply_type) in list(self._replay.items()):
            await self._request_now(frame, reply_type)
            log.debug("client %s: resubscribed %s", self.url, topic)

    async def _read(self, ws: ClientConnection) -> None:
        async for raw in ws:
            try:
                self._dispatch(self._decode(raw))
            except InvalidFrame as exc:
                self._report(exc)

    @staticmethod
    def _decode(raw: str | bytes) -> JsonObject:
        try:
            frame = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise InvalidFrame(f"not JSON: {exc}", raw) from None
        if not isinstance(frame, dict):
            raise InvalidFrame("not a JSON object", raw)
        return frame

    def _report(self, error: InvalidFrame) -> None:
        log.warning("client %s: skipped a frame: %s", self.url, error)
        for callback in self._error_callbacks:
            callback(error)

    def _dispatch(self, frame: JsonObject) -> None:
        kind = frame.get("type")
        queue = self._pending.get(str(kind))
        if queue:
            future = queue.popleft()
            if not future.done():
                future.set_result(frame)
        elif kind == "error":
            self.last_error = ServerError(frame)
            log.warning("client %s: server error %s", self.url, self.last_error)
        elif isinstance(frame.get("topic"), str):
            for callback in list(self._listeners.get(frame["topic"], [])):
                try:
                    callback(frame)
                except ValueError as exc:  # pydantic's ValidationError among them
                    raise InvalidFrame(f"invalid {kind!r}: {exc}", frame) from exc

    async def _keepalive(self) -> None:
        frame, reply = self._ping
        if self.keepalive_interval is None or frame is None:
            return
        while True:
            await asyncio.sleep(self.keepalive_interval)
            with contextlib.suppress(ReplyTimeout, ConnectionError):
                await self.request(frame, reply)

    def _disconnected(self) -> None:
        self._ws = None
        self._connected.clear()
        for queue in self._pending.values():
            while queue:
                future = queue.popleft()
                if not future.done():
                    future.set_exception(ConnectionError("connection lost before the reply"))
