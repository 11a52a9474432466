"""Stopping the server: every client gets 1001 "Server shutting down" promptly, the process
exits cleanly, and no task is left behind (nothing cancelled, nothing still open)."""

import asyncio
import re
import signal
import time

import pytest

from generated.protocol import GOING_AWAY
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
    running = server_factory()
    for _ in range(3):
        client = await ws_connect(running)
        await client.subscribe("AAPL")
        await client.close()
    bad = await ws_connect(running)
    await bad.send({"type": "nope"})
    await bad.closed()
    assert running.stop() in (0, -signal.SIGTERM)

    lines = [line for line in running.logs().splitlines() if "app.connection:" in line]
    matches = [CLIENT_ID.search(line) for line in lines]
    assert all(matches), lines
    ids = {match.group(1) for match in matches if match}
    assert len(ids) == 4
    assert sum("connected from 127.0.0.1:" in line for line in lines) == 4
    assert sum(" closed (" in line for line in lines) == 4  # with the close code
