"""Stopping the server: every client gets 1001 "Server shutting down" promptly, the process
exits cleanly, and no task is left behind (nothing cancelled, nothing still open)."""

import asyncio
import re
import signal
import socket
import time

import pytest

from generated.protocol import GOING_AWAY, TRY_AGAIN_LATER
from tests.live_server import unique_symbol

CLIENT_ID = re.compile(r"client ([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}) ")
LEFTOVERS = ("Traceback", "Cancel ", "still open", "Task was destroyed", "timeout graceful shutdown")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_signal_closes_every_client_with_1001(server_factory, ws_connect, sig):
    running = server_factory(WS_DEMO_FEED="1", WS_DEMO_INTERVAL="0.05")
    clients = [await ws_connect(running) for _ in range(5)]
    for client in clients:
        await client.subscribe(unique_symbol())  # the demo feed now runs for each of these
    assert running.health()["connections"] == 5

    started = time.monotonic()
    running.proc.send_signal(sig)
    results = await asyncio.gather(*(client.closed(within=3) for client in clients))
    assert time.monotonic() - started < 1.5
    for close_code, reason, _ in results:
        assert (close_code, reason) == (GOING_AWAY.code, GOING_AWAY.reason) == (1001, "Server shutting down")

    # uvicorn re-raises the signal after its graceful shutdown, so -SIGTERM is a clean exit too.
    assert await asyncio.to_thread(running.proc.wait, 10) in (0, -sig)
    logs = running.logs()
    assert "Application shutdown complete" in logs
    assert not [word for word in LEFTOVERS if word in logs], logs


@pytest.mark.bad_input
async def test_every_connection_log_line_names_its_client_id(server_factory, ws_connect):
    running = server_factory(WS_MAX_CONNECTIONS="1")
    for _ in range(3):
        client = await ws_connect(running)
        await client.subscribe("AAPL")
        await client.close()
    bad = await ws_connect(running)
    extra = await ws_connect(running)  # one too many: refused (1013), on a line with an id of its own
    assert (await extra.closed())[:2] == (TRY_AGAIN_LATER.code, TRY_AGAIN_LATER.reason)
    await bad.send({"type": "nope"})
    await bad.closed()
    assert running.stop() in (0, -signal.SIGTERM)

    logs = running.logs().splitlines()
    assert not [line for line in logs if "WebSocket /api/v1/ws" in line]  # uvicorn's, without an id
    lines = [line for line in logs if "app.transport.connection:" in line]
    matches = [CLIENT_ID.search(line) for line in lines]
    assert all(matches), lines
    ids = {match.group(1) for match in matches if match}
    assert len(ids) == 5
    assert sum("connected from 127.0.0.1:" in line for line in lines) == 4
    assert sum(" closed (" in line for line in lines) == 4  # with the close code


async def test_a_client_that_never_answers_the_close_does_not_hold_up_the_exit(server_factory, ws_connect):
    running = server_factory()
    mute = socket.create_connection(("127.0.0.1", running.port))  # upgrades, then never reads again
    mute.sendall(
        b"GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    assert mute.recv(1024).startswith(b"HTTP/1.1 101")
    polite = await ws_connect(running)
    assert running.health()["connections"] == 2

    started = time.monotonic()
    running.proc.send_signal(signal.SIGTERM)
    assert (await polite.closed(within=3))[:2] == (GOING_AWAY.code, GOING_AWAY.reason)
    assert await asyncio.to_thread(running.proc.wait, 10) in (0, -signal.SIGTERM)
    assert time.monotonic() - started < 2.5  # the shutdown's 0.5 s grace, not a close's 5 s
    mute.close()
