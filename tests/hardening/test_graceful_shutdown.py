"""SIGTERM while bars are being published: every POSTed batch is either published whole (the
subscriber got all of it before its 1001) or refused (an error or a refused connection),
never half; the process exits within a few seconds."""

import asyncio
import signal
import time

import httpx

from generated.families import BARS
from generated.protocol import GOING_AWAY
from tests.live_server import make_bars, unique_symbol

BATCH = 10


async def test_sigterm_mid_stream_loses_no_accepted_bar(server_factory, ws_connect) -> None:
    running = server_factory()
    symbol = unique_symbol()
    client = await ws_connect(running)
    await client.subscribe(symbol)
    outcomes: dict[int, bool] = {}  # batch -> accepted (200)

    async def publish_until_refused() -> None:
        async with httpx.AsyncClient(base_url=running.base_url, timeout=5) as http:
            for batch in range(10_000):
                bars = make_bars(BATCH, start=1_700_000_000_000 + batch * BATCH * 60_000)
                try:
                    response = await http.post("/api/v1/publish", json={"symbol": symbol, "bars": bars})
                except httpx.TransportError:
                    outcomes[batch] = False
                    return
                outcomes[batch] = response.status_code == 200
                if response.status_code != 200:
                    assert response.status_code == 503 and "shutting down" in response.text
                    return

    publisher = asyncio.create_task(publish_until_refused())
    await asyncio.sleep(0.5)
    started = time.monotonic()
    running.proc.send_signal(signal.SIGTERM)
    code, reason, received = await client.closed(within=5)
    await asyncio.wait_for(publisher, 10)
    assert await asyncio.to_thread(running.proc.wait, 10) in (0, -signal.SIGTERM)
    assert time.monotonic() - started < 5
    assert (code, reason) == (GOING_AWAY.code, GOING_AWAY.reason)

    accepted = [batch for batch, ok in outcomes.items() if ok]
    assert len(accepted) > 5  # the stream was really under way
    times = [message["payload"]["time"] for message in received]
    start = 1_700_000_000_000
    expected = [bar["time"] for batch in accepted for bar in make_bars(BATCH, start + batch * BATCH * 60_000)]
    assert times == expected  # every accepted bar arrived, in order, and nothing from a refused batch


async def test_once_draining_publishing_answers_503_and_publishes_nothing() -> None:
    from app.main import create_app
    from app.settings import Settings

    app = create_app(Settings())
    app.state.publisher.drain()  # what app.transport.uvicorn_protocol does as the server starts stopping
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.post("/api/v1/publish", json={"symbol": "AAPL", "bars": make_bars(2)})
    assert response.status_code == 503 and "shutting down" in response.json()["detail"]
    assert await app.state.engine.history.page(BARS, "bars:AAPL:1", 10, None) == []
