"""Shared fixtures: real servers started the canonical way (`python -m app`) and WebSocket
clients for them (helpers in tests/live_server.py).

`server` is one shared instance with default settings (session scope: use unique symbols per
test); `server_factory(**env)` starts private ones with `WS_*` settings, killed after the
test if still running; `ws_connect(server)` opens a client closed after the test.
"""

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect

from tests.live_server import Connect, RunningServer, WsClient, start_server


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One shared server with default settings; tests use their own unique symbols."""
    running = start_server(tmp_path_factory.mktemp("server"))
    yield running
    running.stop()
    assert running.spec_violations() == []


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., RunningServer]]:
    """Start private servers: `server_factory(WS_HEARTBEAT_INTERVAL="0.5")`."""
    started: list[RunningServer] = []

    def factory(**env: str) -> RunningServer:
        running = start_server(tmp_path, env)
        started.append(running)
        return running

    yield factory
    for running in started:
        if running.proc.poll() is None:
            running.proc.kill()
            running.proc.wait(5)
    assert [line for running in started for line in running.spec_violations()] == []


@pytest.fixture
async def ws_connect() -> AsyncIterator[Connect]:
    """`await ws_connect(server)` -> WsClient; every client is closed after the test."""
    clients: list[WsClient] = []

    async def factory(target: RunningServer, **kw: Any) -> WsClient:
        client = WsClient(await connect(target.ws_url, open_timeout=5, **kw))
        clients.append(client)
        return client

    yield factory
    await asyncio.gather(*(client.close() for client in clients), return_exceptions=True)
