"""A scripted stand-in for the service, for client scenarios the real server never stages:
frames that are not JSON or break their schema, replies that never come, errors mid-stream.

`async with FakeServer(script) as server:` serves on loopback at `server.url`; `script(server,
ws, frame)` is awaited for each frame a client sends and decides what goes back (`answer()`
replies like the service does). To add a scenario, write a script in the test. Tests using a
fake server are marked `@pytest.mark.fake_server`, so the contract plugin does not check the
frames it breaks on purpose.
"""

from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from generated.families import FAMILIES
from generated.models import MESSAGE_MODELS
from generated.router import ROUTES

Frame = dict[str, Any]
Script = Callable[["FakeServer", ServerConnection, Frame], Awaitable[None]]


def dumps(frame: Frame) -> str:
    return orjson.dumps(frame).decode()


def answer(frame: Frame) -> str | None:
    """The service's reply to a family's subscribe or unsubscribe, or to a ping; None for anything
    else. Read off the generated family table, like the service's own router, so a new family
    needs no change here."""
    kind = frame["type"]
    if kind == "ping":
        return dumps({"type": "pong"})
    family = next((f for f in FAMILIES.values() if kind in (f.subscribe, f.unsubscribe)), None)
    if family is None:
        return None
    request = MESSAGE_MODELS[kind].model_validate(frame).payload  # type: ignore[attr-defined]
    route = ROUTES[kind]
    verb = "Subscribed to" if kind == family.subscribe else "Unsubscribed from"
    payload = {"status": "ok", "message": f"{verb} {family.label_of(request)}", "topic": family.topic_of(request, None)}
    reply_fields = MESSAGE_MODELS[str(route.reply)].model_fields["payload"].annotation.model_fields  # type: ignore[union-attr]
    payload |= {name: value for name, value in request.model_dump().items() if name in reply_fields}
    return dumps({"type": route.reply, "payload": payload})


def update(topic: str, time: Any, volume: Any = 10, seq: int = 1, epoch: str = "fake") -> str:
    bar = {"time": time, "open": 1.0, "high": 2.0, "low": 0.5, "close": 1.5, "volume": volume}
    return dumps({"type": "bars.update", "topic": topic, "epoch": epoch, "seq": seq, "payload": bar})


class FakeServer:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.received: list[Frame] = []  # every frame any client sent, in order
        self.connections = 0  # connections accepted so far
        self._open: set[ServerConnection] = set()
        self._server: Server | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        port = next(iter(self._server.sockets)).getsockname()[1]
        return f"ws://127.0.0.1:{port}/ws"

    def sent(self, kind: str) -> int:
        """How many frames of type `kind` clients sent."""
        return sum(frame.get("type") == kind for frame in self.received)

    async def drop(self) -> None:
        """Close every open connection from the server side, as a restart would."""
        for ws in list(self._open):
            await ws.close(1001, "Server shutting down")

    async def __aenter__(self) -> "FakeServer":
        self._server = await serve(self._handle, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, ws: ServerConnection) -> None:
        self.connections += 1
        self._open.add(ws)
        try:
            async for raw in ws:
                frame = orjson.loads(raw)
                self.received.append(frame)
                await self.script(self, ws, frame)
        except ConnectionClosed:
            pass  # the client went away: the scenario ends
        finally:
            self._open.discard(ws)
