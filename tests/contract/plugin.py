"""Pytest plugin: every WebSocket frame a test sends or receives is checked against asyncapi.yaml.

It wraps the frame-level calls of the client libraries the tests use (websockets' asyncio and
sync connections, Starlette's TestClient session), so every end-to-end and in-process test is a
contract test without opting in. A frame that matches no message of the spec, or breaks its
message's schema, fails the test that produced it. Tests that send bad input on purpose mark
themselves `@pytest.mark.bad_input`: what they send is not checked, what they receive still is.
Server-sent frames are the server's promise and are always checked, except in tests marked
`@pytest.mark.fake_server`, whose frames come from a stand-in that breaks the spec on purpose.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest
from starlette.testclient import WebSocketTestSession
from websockets.asyncio.connection import Connection
from websockets.sync.connection import Connection as SyncConnection

from app.contract import SPEC_PATH, Direction, spec_messages


@dataclass
class FrameLog:
    """Frames checked in the whole run, and the violations of the test now running."""

    checked: int = 0
    violations: list[str] = field(default_factory=list)
    check_sent: bool = True
    enabled: bool = True
    spec: Path = SPEC_PATH  # the document the frames are checked against

    def use_spec(self, path: Path) -> None:
        """Check this test's frames against another document (a test spec with more families)."""
        self.spec = path

    def check(self, data: Any, direction: Direction) -> None:
        if not self.enabled or (direction == "client" and not self.check_sent):
            return
        if isinstance(data, (bytes, bytearray, memoryview)):
            if direction == "server":
                self.violations.append(f"server sent a binary frame ({len(data)} bytes); the spec has none")
            return
        if not isinstance(data, str):
            return
        self.checked += 1
        try:
            frame = orjson.loads(data)
        except orjson.JSONDecodeError:
            self.violations.append(f"{direction} sent a frame that is not JSON: {data[:200]!r}")
            return
        for problem in spec_messages(self.spec).problems(frame, direction):
            self.violations.append(f"{direction} frame {data[:200]}: {problem}")


LOG = FrameLog()


@contextmanager
def _wrapped_websockets() -> Iterator[None]:
    original_send, original_recv = Connection.send, Connection.recv

    async def send(self: Connection, message: Any, *args: Any, **kwargs: Any) -> None:
        LOG.check(message, "client")
        await original_send(self, message, *args, **kwargs)

    async def recv(self: Connection, *args: Any, **kwargs: Any) -> Any:
        data = await original_recv(self, *args, **kwargs)
        LOG.check(data, "server")
        return data

    Connection.send, Connection.recv = send, recv  # type: ignore[method-assign]
    try:
        yield
    finally:
        Connection.send, Connection.recv = original_send, original_recv  # type: ignore[method-assign]


@contextmanager
def _wrapped_sync_websockets() -> Iterator[None]:
    original_send, original_recv = SyncConnection.send, SyncConnection.recv

    def send(self: SyncConnection, message: Any, *args: Any, **kwargs: Any) -> None:
        LOG.check(message, "client")
        original_send(self, message, *args, **kwargs)

    def recv(self: SyncConnection, *args: Any, **kwargs: Any) -> Any:
        data = original_recv(self, *args, **kwargs)
        LOG.check(data, "server")
        return data

    SyncConnection.send, SyncConnection.recv = send, recv  # type: ignore[method-assign]
    try:
        yield
    finally:
        SyncConnection.send, SyncConnection.recv = original_send, original_recv  # type: ignore[method-assign]


@contextmanager
def _wrapped_testclient() -> Iterator[None]:
    original_send, original_receive = WebSocketTestSession.send, WebSocketTestSession.receive

    def send(self: WebSocketTestSession, message: Any) -> None:
        if message.get("type") == "websocket.receive":
            LOG.check(message.get("text", message.get("bytes")), "client")
        original_send(self, message)

    def receive(self: WebSocketTestSession) -> Any:
        message = original_receive(self)
        if message.get("type") == "websocket.send":
            LOG.check(message.get("text", message.get("bytes")), "server")
        return message

    WebSocketTestSession.send, WebSocketTestSession.receive = send, receive  # type: ignore[method-assign]
    try:
        yield
    finally:
        WebSocketTestSession.send, WebSocketTestSession.receive = original_send, original_receive  # type: ignore[method-assign]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "bad_input: the test sends frames that break the spec on purpose")
    config.addinivalue_line("markers", "fake_server: the test talks to a fake server; no frame is checked")


@pytest.fixture(scope="session", autouse=True)
def _contract_wrappers() -> Iterator[None]:
    with _wrapped_websockets(), _wrapped_sync_websockets(), _wrapped_testclient():
        yield


@pytest.fixture(autouse=True)
def contract_frames(request: pytest.FixtureRequest) -> Iterator[FrameLog]:
    """Fails the test if any frame it exchanged breaks the spec."""
    LOG.violations.clear()
    LOG.check_sent = request.node.get_closest_marker("bad_input") is None
    LOG.enabled = request.node.get_closest_marker("fake_server") is None
    yield LOG
    violations, LOG.violations = list(LOG.violations), []
    spec, LOG.spec = LOG.spec, SPEC_PATH
    LOG.check_sent = LOG.enabled = True
    if violations:
        pytest.fail(f"frames that break {spec.name}:\n" + "\n".join(violations[:20]), pytrace=False)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(f"contract: {LOG.checked} WebSocket frames validated against asyncapi.yaml")
