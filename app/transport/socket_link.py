"""The two ways a connection reaches its socket.

`DetachedLink` is the fast path under `python -m app`: frames framed once are written straight
to the transport, inbound frames arrive as callbacks, and no task exists per connection.
`AsgiLink` is the portable path for any other ASGI server (and in-process tests): one reader
and one writer task over the ASGI WebSocket. Both report `paused` when the client is not
keeping up, which is where the connection's slow-consumer policy takes over.
"""

import asyncio
from collections import deque
from typing import Protocol

from starlette.websockets import WebSocket, WebSocketDisconnect

from app.transport.framing import OutFrame
from app.transport.uvicorn_protocol import FrameSink, SpecWebSocketProtocol

ASGI_HIGH_WATER = 64  # frames queued for the ASGI writer before the link counts as paused
CLOSE_GRACE = 5.0
"""Seconds a queued close gets to reach a client that stopped reading before it is dropped."""


class Link(Protocol):
    @property
    def paused(self) -> bool: ...

    def write(self, frames: list[OutFrame]) -> None: ...

    def close(self, code: int, reason: str) -> None: ...


class DetachedLink:
    __slots__ = ("_protocol",)

    def __init__(self, protocol: SpecWebSocketProtocol) -> None:
        self._protocol = protocol

    @property
    def paused(self) -> bool:
        return self._protocol.paused

    def write(self, frames: list[OutFrame]) -> None:
        protocol = self._protocol
        if len(frames) == 1:
            protocol.write(frames[0].wire)
        else:
            protocol.write(b"".join([frame.wire for frame in frames]))

    def close(self, code: int, reason: str) -> None:
        self._protocol.close(code, reason, grace=CLOSE_GRACE)


class AsgiLink:
    """Frames go out through ASGI `websocket.send` events, in order, from one writer task."""

    def __init__(self, websocket: WebSocket, sink: FrameSink) -> None:
        self._ws = websocket
        self._sink = sink
        self._queue: deque[OutFrame] = deque()
        self._close: tuple[int, str] | None = None
        self._wakeup = asyncio.Event()
        self._reader: asyncio.Task[None] | None = None
        self._peer_code = 1006  # how the peer closed, when it did

    @property
    def paused(self) -> bool:
        return len(self._queue) >= ASGI_HIGH_WATER

    def write(self, frames: list[OutFrame]) -> None:
        self._queue.extend(frames)
        self._wakeup.set()

    def close(self, code: int, reason: str) -> None:
        if self._close is None:
            self._close = (code, reason)
            self._wakeup.set()
            if self._reader is not None:
                self._reader.cancel()  # nothing more is read once closing; the grace starts

    async def serve(self) -> None:
        """Run until the socket is closed by either side."""
        try:
            async with asyncio.TaskGroup() as tasks:
                reader = self._reader = tasks.create_task(self._read())
                writer = tasks.create_task(self._write())
                writer.add_done_callback(lambda _: reader.cancel())
                reader.add_done_callback(lambda _: self._reading_stopped(writer))
        finally:
            self._sink.on_disconnect(self._close[0] if self._close else self._peer_code)

    def _reading_stopped(self, writer: "asyncio.Task[None]") -> None:
        if self._close is None:  # the peer left: nobody to write to
            writer.cancel()
            return
        deadline = asyncio.get_running_loop().call_later(CLOSE_GRACE, writer.cancel)
        writer.add_done_callback(lambda _: deadline.cancel())

    async def _read(self) -> None:
        while self._close is None:
            message = await self._ws.receive()
            if message["type"] == "websocket.disconnect":
                self._peer_code = int(message.get("code", 1005))
                return
            data = message.get("text")
            self._sink.on_message(data if data is not None else message.get("bytes") or b"")

    async def _write(self) -> None:
        queue = self._queue
        try:
            while True:
                while not queue:
                    if self._close is not None:
                        await self._ws.close(*self._close)
                        return
                    self._wakeup.clear()
                    await self._wakeup.wait()
                was_paused = self.paused
                await self._ws.send({"type": "websocket.send", "text": queue.popleft().json.decode()})
                if was_paused and not self.paused:
                    self._sink.on_writable()
        except WebSocketDisconnect:
            pass  # the peer is gone; serve() reports it
