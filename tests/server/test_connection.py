"""A connection in-process, over raw ASGI events: slow consumers, publishing that never
waits on a socket, the app's own 1001 at shutdown, and the limits it enforces itself."""

import asyncio
import json
import time

import httpx
import pytest

import app.transport.socket_link
from app.handlers import StreamHandlers
from app.main import create_app
from app.settings import Settings
from generated.models import Bar
from tests.server.fakes import FakeSocket

BAR = Bar(time=1_700_000_000_000, open=1.0, high=2.0, low=0.5, close=1.5, volume=7)


def bar_at(minute: int) -> Bar:
    return BAR.model_copy(update={"time": BAR.time + minute * 60_000})


SUBSCRIBE = json.dumps({"type": "bars.subscribe", "payload": {"symbol": "AAPL"}})


class TopicOpened(asyncio.Event):
    def topic_opened(self, topic: str) -> None:
        self.set()

    def topic_closed(self, topic: str) -> None:
        pass


async def connected(app) -> FakeSocket:
    socket = FakeSocket()
    socket.start(app)
    assert (await socket.wait_for(1))[0]["type"] == "websocket.accept"
    return socket


async def test_a_client_that_stops_reading_is_closed_and_never_slows_publishing():
    app = create_app(Settings(max_queue=8))
    hub, publisher = app.state.hub, app.state.publisher
    opened = TopicOpened()
    hub.add_watcher(opened)
    socket = await connected(app)
    socket.writable.clear()  # from now on the client reads nothing
    socket.send_text(SUBSCRIBE)
    await asyncio.wait_for(opened.wait(), 2)

    slowest = 0.0
    for minute in range(200):
        started = time.perf_counter()
        await publisher.publish("bars:AAPL:1", [bar_at(minute)])
        slowest = max(slowest, time.perf_counter() - started)
        await asyncio.sleep(0)  # publishes arrive over many ticks, as from many requests
    assert slowest < 0.01  # never waited on the stuck socket

    socket.writable.set()
    await asyncio.wait_for(socket.task, 2)
    assert socket.sent[-1] == {"type": "websocket.close", "code": 1008, "reason": "Slow consumer"}
    assert hub.topic_count == 0


async def test_a_client_that_never_drains_is_dropped_after_the_grace(monkeypatch):
    monkeypatch.setattr(app.transport.socket_link, "CLOSE_GRACE", 0.2)
    service = create_app(Settings(max_queue=2, heartbeat_interval=0.3))
    socket = await connected(service)
    socket.writable.clear()  # and it stays that way
    socket.send_text(SUBSCRIBE)
    for minute in range(5):
        await service.state.publisher.publish("bars:AAPL:1", [bar_at(minute)])
        await asyncio.sleep(0)
    await asyncio.wait_for(socket.task, 2)  # heartbeat 0.3 s + grace 0.2 s
    assert service.state.hub.topic_count == 0


async def test_app_shutdown_closes_open_connections_with_1001():
    app = create_app(Settings())
    async with app.router.lifespan_context(app):
        sockets = [await connected(app) for _ in range(3)]
        for socket in sockets:
            socket.send_text(SUBSCRIBE)
            await socket.wait_for(2)
    await asyncio.wait_for(asyncio.gather(*(socket.task for socket in sockets)), 1)
    for socket in sockets:
        assert socket.sent[-1] == {"type": "websocket.close", "code": 1001, "reason": "Server shutting down"}
    assert app.state.hub.topic_count == 0


@pytest.mark.bad_input
async def test_oversized_frame_is_refused_by_the_app_too():
    app = create_app(Settings(max_message_bytes=100))
    socket = await connected(app)
    socket.send_text(json.dumps({"type": "ping", "pad": "é" * 45}))  # 90 characters, > 100 bytes
    await asyncio.wait_for(socket.task, 2)
    assert socket.texts()[0]["payload"]["code"] == "message_too_big"
    assert socket.sent[-1] == {"type": "websocket.close", "code": 1009, "reason": "Message too big"}


async def test_the_peer_leaving_ends_the_connection_and_its_subscriptions():
    app = create_app(Settings())
    socket = await connected(app)
    socket.send_text(SUBSCRIBE)
    await socket.wait_for(2)
    assert app.state.hub.topic_count == 1
    socket.incoming.put_nowait({"type": "websocket.disconnect", "code": 1000})
    await asyncio.wait_for(socket.task, 2)
    assert app.state.hub.topic_count == 0


async def test_a_lagging_client_gets_each_bar_in_its_latest_state_and_the_metrics_count_it():
    service = create_app(Settings())
    hub, publisher, opened = service.state.hub, service.state.publisher, TopicOpened()
    hub.add_watcher(opened)
    socket = await connected(service)
    socket.writable.clear()  # the client lags
    socket.send_text(SUBSCRIBE)
    await asyncio.wait_for(opened.wait(), 2)
    # The link's queue fills, the rest waits in the backlog.
    for minute in range(app.transport.socket_link.ASGI_HIGH_WATER + 5):
        await publisher.publish("bars:AAPL:1", [bar_at(minute)])
        await asyncio.sleep(0)
    forming = bar_at(1000)
    for close in (1.1, 1.2, 1.3, 1.4):  # four states of one bar while it lags: three replaced
        await publisher.publish("bars:AAPL:1", [forming.model_copy(update={"close": close})])
        await asyncio.sleep(0)
    transport = httpx.ASGITransport(app=service)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as http:
        metrics = (await http.get("/metrics")).text
    assert "trading_ws_conflated_updates_total 3.0" in metrics
    assert "trading_ws_dropped_updates_total 0.0" in metrics

    socket.writable.set()
    bars = app.transport.socket_link.ASGI_HIGH_WATER + 5
    await socket.wait_for(2 + bars + 1)  # the accept, the reply, the bars
    updates = [m["payload"] for m in socket.texts() if m["type"] == "bars.update"]
    assert [u["time"] for u in updates] == [bar_at(m).time for m in range(bars)] + [forming.time]
    assert updates[-1]["close"] == 1.4


# -- whatever a handler or a watcher does, the connection ends cleanly


async def test_a_handler_that_raises_ends_only_that_connection_with_1011_and_releases_it(monkeypatch):
    service = create_app(Settings())
    hub = service.state.hub
    bystander = await connected(service)
    bystander.send_text(SUBSCRIBE)
    await bystander.wait_for(2)

    async def broken(self, ctx, payload):
        ctx.send_after_reply([])  # half-way through, as a real handler would be
        raise RuntimeError("a bug in a handler")

    monkeypatch.setattr(StreamHandlers, "subscribe", broken)
    victim = await connected(service)
    victim.send_text(SUBSCRIBE)  # held before the bug...
    victim.send_text(json.dumps({"type": "subscribe", "payload": {"topics": ["bars:MSFT:1"]}}))
    await asyncio.wait_for(victim.task, 2)
    assert victim.sent[-1] == {"type": "websocket.close", "code": 1011, "reason": "Internal error"}
    assert hub.subscriptions_by_family() == {"bars": 1}  # the bystander's: the victim's was released
    await service.state.publisher.publish("bars:AAPL:1", [bar_at(1)])
    assert (await bystander.wait_for(3))[-1]["type"] == "websocket.send"  # the bystander never noticed


async def test_a_watcher_that_raises_does_not_fail_the_subscribe(caplog):
    service = create_app(Settings())

    class Broken:
        def topic_opened(self, topic: str) -> None:
            raise ValueError(f"not a bars topic: {topic}")

        def topic_closed(self, topic: str) -> None:
            raise ValueError(f"not a bars topic: {topic}")

    service.state.hub.add_watcher(Broken())
    socket = await connected(service)
    socket.send_text(SUBSCRIBE)
    await socket.wait_for(2)
    assert socket.texts()[0]["payload"]["status"] == "ok"
    socket.incoming.put_nowait({"type": "websocket.disconnect", "code": 1000})
    await asyncio.wait_for(socket.task, 2)
    assert service.state.hub.topic_count == 0
    assert sum("Broken failed as topic" in r.getMessage() for r in caplog.records) == 2


async def test_a_handler_that_never_returns_still_meets_the_heartbeat(monkeypatch):
    service = create_app(Settings(heartbeat_interval=0.3))

    async def stuck(self, ctx, payload):
        await asyncio.Event().wait()

    monkeypatch.setattr(StreamHandlers, "subscribe", stuck)
    socket = await connected(service)
    socket.send_text(SUBSCRIBE)
    socket.send_text(json.dumps({"type": "subscribe", "payload": {"topics": ["bars:MSFT:1"]}}))
    await asyncio.wait_for(socket.task, 3)
    assert socket.texts()[-1]["payload"]["code"] == "heartbeat_timeout"
    assert socket.sent[-1]["code"] == 1003
    assert service.state.hub.topic_count == 0

