"""The bar history: one entry per bar time (same time replaces, later appends, older is ignored),
bounded per topic and in topics, fed by the hub once per published message, and served by
`GET /api/v1/bars/history` oldest first, with 422 for bad input, 503 when the broker keeping it
is down, and an OpenAPI description. (Behind a real Redis: tests/redis/test_history.py.)"""

import logging

import httpx
import orjson
import pytest
from fastapi import FastAPI

from app.http.history import BrokerHistory, MemoryHistory, history_router
from app.main import create_app
from app.pubsub.broker import BrokerUnavailable, MemoryBroker
from app.pubsub.hub import Hub
from app.settings import Settings
from app.transport.framing import out_frame
from generated.models import Bar
from generated.router import bars_update, encode

TOPIC = "bars:AAPL:1"
MINUTE = 60_000
T0 = 1_700_000_040_000  # a minute boundary


def bar(minute: int, close: float = 1.5, volume: int = 7) -> Bar:
    return Bar(time=T0 + minute * MINUTE, open=1.0, high=2.0, low=0.5, close=close, volume=volume)


async def record(history: MemoryHistory, topic: str, *bars: Bar) -> None:
    hub = Hub()
    hub.add_tap(history.record)
    for item in bars:
        await hub.publish(topic, item)


async def test_same_time_replaces_later_appends_older_is_ignored():
    history = MemoryHistory()
    await record(history, TOPIC, bar(0), bar(1, close=1.1), bar(1, close=1.2), bar(0, close=9.9), bar(2))
    assert await history.recent(TOPIC, 10) == [bar(0), bar(1, close=1.2), bar(2)]


async def test_limit_takes_the_newest_bars_oldest_first():
    history = MemoryHistory()
    await record(history, TOPIC, *(bar(m) for m in range(5)))
    assert [b.time for b in await history.recent(TOPIC, 2)] == [bar(3).time, bar(4).time]
    assert await history.recent("bars:NONE:1", 10) == []


async def test_each_topic_keeps_at_most_size_bars():
    history = MemoryHistory(size=3)
    await record(history, TOPIC, *(bar(m) for m in range(10)))
    assert [b.time for b in await history.recent(TOPIC, 1000)] == [bar(m).time for m in (7, 8, 9)]


async def test_the_least_recently_published_topic_is_dropped_beyond_max_topics():
    history = MemoryHistory(max_topics=2)
    await record(history, "bars:A:1", bar(0))
    await record(history, "bars:B:1", bar(0))
    await record(history, "bars:A:1", bar(1))  # A is now the most recent
    await record(history, "bars:C:1", bar(0))
    assert history.topic_count == 2
    assert await history.recent("bars:B:1", 10) == []
    assert len(await history.recent("bars:A:1", 10)) == 2
    assert len(await history.recent("bars:C:1", 10)) == 1


async def test_a_frame_without_a_conflation_key_is_read_for_its_time():
    history = MemoryHistory()
    history.record(TOPIC, out_frame(encode(bars_update(TOPIC, bar(3)))))
    assert await history.recent(TOPIC, 10) == [bar(3)]


async def test_the_hub_taps_every_delivery_once_subscribers_or_not():
    seen: list[str] = []
    hub = Hub()
    hub.add_tap(lambda topic, frame: seen.append(topic))
    await hub.publish(TOPIC, bar(0))
    assert seen == [TOPIC]


async def test_a_broker_keeps_history_by_the_same_rule():
    broker = MemoryBroker(history_size=3)
    memory = MemoryHistory(size=3)
    hub = Hub(broker)
    hub.add_tap(memory.record)
    sequence = [bar(0), bar(1, close=1.1), bar(1, close=1.2), bar(0, close=9.9), bar(2), bar(3), bar(4), bar(3)]
    for item in sequence:
        await hub.publish(TOPIC, item)
        await hub.publish_local(TOPIC, item)  # MemoryHistory's tap: the hub alone
    assert await BrokerHistory(broker).recent(TOPIC, 10) == await memory.recent(TOPIC, 10) == [bar(2), bar(3), bar(4)]


async def test_broker_history_skips_and_logs_what_is_not_a_bar_of_the_topic(caplog):
    broker = MemoryBroker()

    def update(topic: str, **payload: object) -> bytes:
        return orjson.dumps({"type": "bars.update", "topic": topic, "payload": {**bar(0).model_dump(), **payload}})

    broker.keep(TOPIC, update(TOPIC))
    broker.keep(TOPIC, update("bars:MSFT:1", time=bar(1).time))  # another topic's
    broker.keep(TOPIC, update(TOPIC, time=bar(2).time, high=0.1))  # high below open
    broker.keep(TOPIC, update(TOPIC, time=bar(3).time, close=1.25))
    with caplog.at_level(logging.WARNING, logger="app.http.history"):
        assert await BrokerHistory(broker).recent(TOPIC, 10) == [bar(0), bar(3, close=1.25)]
    [record] = caplog.records
    assert record.getMessage().startswith("skipped 2 invalid history entr(ies) of bars:AAPL:1; first: its topic")


async def test_the_route_answers_503_while_the_broker_is_down():
    class DownBroker(MemoryBroker):
        async def history(self, channel: str, limit: int) -> list[bytes]:
            raise BrokerUnavailable("message broker unavailable (redis://10.0.0.1:6379/0)")

    app = FastAPI()
    app.include_router(history_router(BrokerHistory(DownBroker())))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://service") as http:
        response = await http.get("/api/v1/bars/history", params={"symbol": "AAPL"})
    assert (response.status_code, response.headers["retry-after"]) == (503, "1")
    assert response.json() == {"detail": "message broker unavailable (redis://10.0.0.1:6379/0)"}


# -- the HTTP route


@pytest.fixture
async def service():
    app = create_app(Settings(history_size=50))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as http:
        yield http, app.state.hub


async def test_history_returns_published_bars_oldest_first(service):
    http, hub = service
    for minute in range(60):
        await hub.publish("bars:BRK.B:5", bar(minute))
    response = await http.get("/api/v1/bars/history", params={"symbol": "BRK.B", "resolution": "5", "limit": 3})
    assert response.status_code == 200
    assert response.json() == [bar(m).model_dump() for m in (57, 58, 59)]
    everything = await http.get("/api/v1/bars/history", params={"symbol": "BRK.B", "resolution": "5"})
    assert len(everything.json()) == 50  # WS_HISTORY_SIZE


async def test_history_defaults_to_resolution_1_and_answers_empty_for_an_unknown_topic(service):
    http, hub = service
    await hub.publish(TOPIC, bar(0))
    assert (await http.get("/api/v1/bars/history", params={"symbol": "AAPL"})).json() == [bar(0).model_dump()]
    assert (await http.get("/api/v1/bars/history", params={"symbol": "MSFT"})).json() == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "symbol"),
        ({"symbol": "AA PL"}, "symbol"),
        ({"symbol": "BTC:USD"}, "symbol"),
        ({"symbol": "X" * 33}, "symbol"),
        ({"symbol": "AAPL", "resolution": "2"}, "resolution"),
        ({"symbol": "AAPL", "limit": 0}, "limit"),
        ({"symbol": "AAPL", "limit": 1001}, "limit"),
        ({"symbol": "AAPL", "limit": "many"}, "limit"),
    ],
)
async def test_bad_input_gets_422_naming_the_parameter(service, params, field):
    http, _ = service
    response = await http.get("/api/v1/bars/history", params=params)
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["query", field]]


async def test_openapi_documents_the_route():
    operation = create_app(Settings()).openapi()["paths"]["/api/v1/bars/history"]["get"]
    assert "oldest first" in operation["description"]
    assert {p["name"]: p["schema"].get("maximum") for p in operation["parameters"]} == {
        "symbol": None,
        "resolution": None,
        "limit": 1000,
    }
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"type": "array", "items": {"$ref": "#/components/schemas/Bar"}, "title": schema["title"]}
    assert "Redis" in operation["responses"]["503"]["description"]
