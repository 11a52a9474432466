"""Test doubles for the hub's side of the service."""

import asyncio

import orjson

from app.transport.framing import OutFrame


class Recorder:
    """A hub subscriber that keeps every frame it is handed."""

    def __init__(self) -> None:
        self.frames: list[bytes] = []
        self.got_one = asyncio.Event()

    def send(self, frame: OutFrame) -> None:
        self.frames.append(frame.json)
        self.got_one.set()

    def messages(self) -> list[object]:
        return [orjson.loads(frame) for frame in self.frames]


class FakeSocket:
    """Drives the app's WebSocket endpoint in-process over raw ASGI events.

    What the app sends is recorded in `sent`; clearing `writable` holds the app's sends, like
    a client that stopped reading.
    """

    def __init__(self, path: str = "/api/v1/ws") -> None:
        self.scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "query_string": b"",
            "headers": [],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "subprotocols": [],
        }
        self.incoming: asyncio.Queue[dict[str, object]] = asyncio.Queue()
        self.sent: list[dict[str, object]] = []
        self.writable = asyncio.Event()
        self.writable.set()
        self._changed = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    def start(self, app: object) -> None:
        self.incoming.put_nowait({"type": "websocket.connect"})
        self.task = asyncio.create_task(app(self.scope, self.incoming.get, self._send))  # type: ignore[operator]

    async def _send(self, message: dict[str, object]) -> None:
        await self.writable.wait()
        self.sent.append(message)
        self._changed.set()

    def send_text(self, text: str) -> None:
        self.incoming.put_nowait({"type": "websocket.receive", "text": text})

    def send_bytes(self, data: bytes) -> None:
        self.incoming.put_nowait({"type": "websocket.receive", "bytes": data})

    async def wait_for(self, count: int, within: float = 2.0) -> list[dict[str, object]]:
        """The first `count` events the app sent, once there are that many."""
        async with asyncio.timeout(within):
            while len(self.sent) < count:
                self._changed.clear()
                await self._changed.wait()
        return self.sent[:count]

    def texts(self) -> list[object]:
        return [orjson.loads(str(m["text"])) for m in self.sent if m["type"] == "websocket.send"]
