"""`POST /api/v1/publish`: authorisation both ways, validation (schema and OHLC sense) with
nothing published from a rejected request, and bars published in order."""

import re
import threading
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
from fastapi import FastAPI

from app.http.publish import FastPublish
from app.main import create_app
from app.settings import Settings
from tests.live_server import make_bar, make_bars, unique_symbol, unsequenced
from tests.server.fakes import Recorder


def in_process(client_host: str, **settings: object) -> tuple[httpx.AsyncClient, Any]:
    app = create_app(Settings(**settings))
    transport = httpx.ASGITransport(app=app, client=(client_host, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://service"), app.state.hub


def body(symbol: str, bars: list[dict[str, object]], resolution: str = "1") -> dict[str, object]:
    return {"symbol": symbol, "resolution": resolution, "bars": bars}


# -- authorisation


async def test_without_token_loopback_clients_may_publish(server, ws_connect):
    client = await ws_connect(server)
    symbol = unique_symbol()
    await client.subscribe(symbol)
    response = await server.apublish(symbol, make_bars(2))
    assert (response.status_code, response.json()) == (200, {"published": 2})
    assert len(await client.until_pong()) == 2


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.53", "::1"])
async def test_without_token_every_loopback_address_may_publish(host):
    client, _ = in_process(host)
    async with client:
        response = await client.post("/api/v1/publish", json=body("AAPL", make_bars(1)))
    assert response.status_code == 200


@pytest.mark.parametrize("host", ["203.0.113.7", "10.0.0.2", "2001:db8::1", "testclient"])
async def test_without_token_other_clients_get_403_and_nothing_is_published(host):
    client, hub = in_process(host)
    recorder = Recorder()
    hub.subscribe("bars:AAPL:1", recorder)
    async with client:
        response = await client.post("/api/v1/publish", json=body("AAPL", make_bars(3)))
    assert response.status_code == 403
    assert recorder.frames == []


@pytest.mark.parametrize("token", [None, "s3cret-token"])
async def test_publishing_never_hands_off_to_a_worker_thread(token):
    """The hop to FastAPI's thread pool (a plain `def` dependency) tripled a publish call's cost."""
    client, _ = in_process("127.0.0.1", publish_token=token)
    before = {thread.name for thread in threading.enumerate()}
    async with client:
        response = await client.post(
            "/api/v1/publish", json=body("AAPL", make_bars(1)), headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 200
    assert {thread.name for thread in threading.enumerate()} - before == set()


async def test_with_token_a_bearer_token_is_required(server_factory, ws_connect):
    secured = server_factory(WS_PUBLISH_TOKEN="s3cret-token")
    client = await ws_connect(secured)
    symbol = unique_symbol()
    await client.subscribe(symbol)
    refused = [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": "Bearer s3cret-token-and-more"},
        {"Authorization": "Bearer s3cret"},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic s3cret-token"},
        {"Authorization": "s3cret-token"},
    ]
    for headers in refused:
        response = await secured.apublish(symbol, make_bars(1), headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
    assert await client.until_pong() == []

    published = make_bars(2)
    response = await secured.apublish(symbol, published, headers={"Authorization": "Bearer s3cret-token"})
    assert (response.status_code, response.json()) == (200, {"published": 2})
    assert [m["payload"] for m in await client.until_pong()] == published


async def test_with_token_the_client_address_does_not_matter():
    client, _ = in_process("203.0.113.7", publish_token="tok")
    async with client:
        request = body("AAPL", make_bars(1))
        ok = await client.post("/api/v1/publish", json=request, headers={"Authorization": "Bearer tok"})
        refused = await client.post("/api/v1/publish", json=request)
    assert (ok.status_code, refused.status_code) == (200, 401)


# -- validation


def broken(field: str, value: object) -> dict[str, object]:
    bar = make_bar(1_700_000_060_000)
    bar[field] = value
    return bar


INVALID_BARS = {
    "high below open": (broken("high", 99.0), "high"),
    "high below close": ({**make_bar(1_700_000_060_000), "close": 101.5, "high": 101.0}, "high"),
    "low above open": (broken("low", 100.5), "low"),
    "low above close": ({**make_bar(1_700_000_060_000), "close": 99.0, "low": 99.5}, "low"),
    "negative volume": (broken("volume", -1), "volume"),
    "float volume": (broken("volume", 1.5), "volume"),
    "string price": (broken("open", "100"), "open"),
    "negative time": (broken("time", -5), "time"),
    "missing close": ({k: v for k, v in make_bar(1_700_000_060_000).items() if k != "close"}, "close"),
}


@pytest.mark.parametrize("bad, field", INVALID_BARS.values(), ids=INVALID_BARS.keys())
async def test_invalid_bar_gets_422_with_field_errors_and_nothing_is_published(bad, field):
    client, hub = in_process("127.0.0.1")
    recorder = Recorder()
    hub.subscribe("bars:AAPL:1", recorder)
    good = make_bar(1_700_000_000_000)
    async with client:
        response = await client.post("/api/v1/publish", json=body("AAPL", [good, bad, good]))
    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["detail"]]
    assert all(loc[:3] == ["body", "bars", 1] for loc in locations), locations
    if field in ("high", "low"):  # the OHLC check reports the bar and says which price is off
        assert field in response.json()["detail"][0]["msg"]
    else:
        assert [loc[3] for loc in locations] == [field]
    assert recorder.frames == []


@pytest.mark.parametrize(
    "request_body, field",
    [
        ({"resolution": "1", "bars": []}, "symbol"),
        ({"symbol": "AA PL", "bars": []}, "symbol"),
        ({"symbol": "AAPL", "resolution": "2", "bars": []}, "resolution"),
        ({"symbol": "AAPL"}, "bars"),
    ],
)
async def test_invalid_request_gets_422(request_body, field):
    client, _ = in_process("127.0.0.1")
    async with client:
        response = await client.post("/api/v1/publish", json=request_body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


async def test_non_finite_prices_are_rejected():
    client, _ = in_process("127.0.0.1")
    raw = '{"symbol": "AAPL", "bars": [{"time": 1, "open": NaN, "high": 2, "low": 0, "close": 1, "volume": 1}]}'
    async with client:
        response = await client.post("/api/v1/publish", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "bars", 0] and "finite" in error["msg"]


async def test_ohlc_rejection_end_to_end_publishes_nothing(server, ws_connect):
    client = await ws_connect(server)
    symbol = unique_symbol()
    await client.subscribe(symbol)
    bars = make_bars(3)
    bars[2]["low"] = bars[2]["open"] + 0.1
    response = await server.apublish(symbol, bars)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "bars", 2]
    assert await client.until_pong() == []
    # and a later subscriber gets no snapshot from it either
    late = await ws_connect(server)
    await late.subscribe(symbol)
    assert await late.until_pong() == []


async def test_resolution_defaults_to_1():
    client, hub = in_process("127.0.0.1")
    recorder = Recorder()
    hub.subscribe("bars:BRK.B:1", recorder)
    async with client:
        response = await client.post("/api/v1/publish", json={"symbol": "BRK.B", "bars": make_bars(2)})
    assert response.json() == {"published": 2}
    assert len(recorder.frames) == 2


async def test_bars_are_published_in_order_as_bars_update():
    client, hub = in_process("127.0.0.1")
    recorder = Recorder()
    hub.subscribe("bars:ES=F:D", recorder)
    bars = make_bars(5)
    async with client:
        response = await client.post("/api/v1/publish", json=body("ES=F", bars, "D"))
    assert response.json() == {"published": 5}
    expected = [{"type": "bars.update", "topic": "bars:ES=F:D", "payload": bar} for bar in bars]
    assert unsequenced(recorder.messages()) == expected
    assert [m["seq"] for m in recorder.messages()] == [1, 2, 3, 4, 5]


# -- the form for every family: {"topic", "messages"}


async def test_the_topic_form_publishes_to_any_family_and_says_where_the_stream_stands():
    client, hub = in_process("127.0.0.1")
    recorder = Recorder()
    hub.subscribe("bars:AAPL:5", recorder)
    async with client:
        first = await client.post("/api/v1/publish", json={"topic": "bars:AAPL:5", "messages": make_bars(2)})
        second = await client.post("/api/v1/publish", json={"topic": "bars:AAPL:5", "messages": make_bars(1, 2)})
    epoch = first.json()["epoch"]
    assert first.json() == {"published": 2, "topic": "bars:AAPL:5", "epoch": epoch, "seq": 2}
    assert second.json() == {"published": 1, "topic": "bars:AAPL:5", "epoch": epoch, "seq": 3}
    assert [m["seq"] for m in recorder.messages()] == [1, 2, 3]


TOPIC_FORM_ERRORS = {
    "no family": ({"topic": "nope:AAPL", "messages": make_bars(1)}, ["body", "topic"], "names no channel family"),
    "bad parameter": ({"topic": "bars:AAPL:2", "messages": make_bars(1)}, ["body", "topic"], "not a topic of the bars"),
    "schema": ({"topic": "bars:AAPL:1", "messages": [*make_bars(1), broken("volume", -1)]},
               ["body", "messages", 1, "volume"], "greater than or equal to 0"),
    "domain rule": ({"topic": "bars:AAPL:1", "messages": [broken("high", 1.0)]}, ["body", "messages", 0], "high 1.0"),
    "no messages": ({"topic": "bars:AAPL:1"}, ["body", "messages"], "Field required"),
}


@pytest.mark.parametrize("request_body, loc, text", TOPIC_FORM_ERRORS.values(), ids=TOPIC_FORM_ERRORS.keys())
async def test_the_topic_form_answers_422_naming_the_problem_and_publishes_nothing(request_body, loc, text):
    client, hub = in_process("127.0.0.1")
    recorder = Recorder()
    hub.subscribe("bars:AAPL:1", recorder)
    async with client:
        response = await client.post("/api/v1/publish", json=request_body)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == loc and text in error["msg"], error
    assert recorder.frames == []


# -- FastPublish, the fast path, answers exactly as the route does

JSON = {"content-type": "application/json"}
VALID = orjson.dumps(body("AAPL", make_bars(2)))
SAME_ANSWER = {  # client host, settings, body, headers
    "valid": ("127.0.0.1", {}, VALID, JSON),
    "valid, with a charset": ("127.0.0.1", {}, VALID, {"content-type": "application/json; charset=utf-8"}),
    "no content type": ("127.0.0.1", {}, VALID, {}),
    "text/plain": ("127.0.0.1", {}, VALID, {"content-type": "text/plain"}),
    "bad bar": ("127.0.0.1", {}, orjson.dumps(body("AAPL", [broken("volume", -1)])), JSON),
    "bad request": ("127.0.0.1", {}, orjson.dumps({"symbol": "AA PL", "bars": []}), JSON),
    "not JSON": ("127.0.0.1", {}, b'{"symbol": ', JSON),
    "NaN": ("127.0.0.1", {}, VALID.replace(b"100.0", b"NaN", 1), JSON),
    "not loopback": ("203.0.113.7", {}, VALID, JSON),
    "no token": ("127.0.0.1", {"publish_token": "tok"}, VALID, JSON),
    "wrong token": ("127.0.0.1", {"publish_token": "tok"}, VALID, {**JSON, "authorization": "Bearer tik"}),
    "token": ("203.0.113.7", {"publish_token": "tok"}, VALID, {**JSON, "authorization": "Bearer tok"}),
    "draining": ("127.0.0.1", {}, VALID, JSON),  # the server is stopping: 503
    "topic form": ("127.0.0.1", {}, orjson.dumps({"topic": "bars:AAPL:1", "messages": make_bars(2)}), JSON),
    "topic form, bad topic": ("127.0.0.1", {}, orjson.dumps({"topic": "bars:AAPL", "messages": make_bars(2)}), JSON),
}


def route_only(app: FastAPI) -> FastAPI:
    """The same app without FastPublish: FastAPI's route answers every request."""
    app.user_middleware = [m for m in app.user_middleware if m.cls is not FastPublish]
    app.middleware_stack = None
    return app


def find_fast_path(app: FastAPI) -> FastPublish:
    app.middleware_stack = layer = app.build_middleware_stack()
    while not isinstance(layer, FastPublish):
        layer = layer.app
    return layer


async def answer(app: FastAPI, host: str, content: bytes, headers: dict[str, str]) -> tuple[object, ...]:
    transport = httpx.ASGITransport(app=app, client=(host, 40000))
    recorder = Recorder()
    app.state.hub.subscribe("bars:AAPL:1", recorder)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        response = await client.post("/api/v1/publish", content=content, headers=headers)
    def same_epoch(json: bytes) -> bytes:  # each app starts streams of its own
        return re.sub(rb'"epoch":"[^"]+"', b'"epoch":"?"', json)

    frames = [same_epoch(frame) for frame in recorder.frames]
    return response.status_code, same_epoch(response.content), sorted(response.headers.items()), frames


@pytest.mark.parametrize("case", SAME_ANSWER)
async def test_the_fast_path_answers_as_the_route_does(case):
    host, settings, content, headers = SAME_ANSWER[case]
    answers = []
    for app in (create_app(Settings(**settings)), route_only(create_app(Settings(**settings)))):
        if case == "draining":
            app.state.publisher.drain()
        answers.append(await answer(app, host, content, headers))
    fast, route = answers
    assert fast == route
    assert fast[0] in (200, 401, 403, 422, 503)


@pytest.mark.parametrize(
    "case, fast",
    [("valid", True), ("token", True), ("no token", True), ("topic form", True), ("bad bar", False)],
)
async def test_only_an_invalid_request_goes_on_to_the_route(case, fast):
    host, settings, content, headers = SAME_ANSWER[case]
    app = create_app(Settings(**settings))
    fast_path = find_fast_path(app)
    reached_the_route: list[str] = []
    route = fast_path.app

    async def recording(scope, receive, send):
        reached_the_route.append(scope["path"])
        await route(scope, receive, send)

    fast_path.app = recording
    await answer(app, host, content, headers)
    assert reached_the_route == ([] if fast else ["/api/v1/publish"])


async def test_a_refused_caller_is_answered_before_its_body_is_read():
    client, _ = in_process("203.0.113.7", publish_token="tok")
    async with client:
        response = await client.post("/api/v1/publish", content=b"not even JSON", headers=JSON)
    assert (response.status_code, response.headers["www-authenticate"]) == (401, "Bearer")


async def test_a_body_over_the_limit_gets_413_and_publishes_nothing():
    client, hub = in_process("127.0.0.1", publish_max_bytes=1000)
    recorder = Recorder()
    hub.subscribe("bars:AAPL:1", recorder)

    async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
        yield orjson.dumps(body("AAPL", make_bars(1)))[:-2]
        for _ in range(100):
            yield b" " * 100

    async with client:
        declared = await client.post("/api/v1/publish", json=body("AAPL", make_bars(20)))
        streamed = await client.post("/api/v1/publish", content=chunked(), headers=JSON)
        small = await client.post("/api/v1/publish", json=body("AAPL", make_bars(2)))
    for response in (declared, streamed):
        assert response.status_code == 413
        assert response.json()["detail"] == "A publish request may hold at most 1000 bytes (WS_PUBLISH_MAX_BYTES)"
    assert small.status_code == 200 and len(recorder.frames) == 2
