"""A channel family added to the spec alone (tests/engine/families.yaml) runs end to end with the
unchanged app: its own subscribe message, publishing over HTTP and the Python API, the first
message, history, recovery, metrics, the demo feed beside it, and the same behind Redis."""

import httpx

from tests.engine.helpers import events, history, position, publish, subscribe, tick, updates
from tests.live_server import unique_symbol


async def test_a_spec_only_family_runs_end_to_end(family_server, ws_connect):
    server = family_server(python_api=True)
    symbol = unique_symbol()
    topic = f"ticks:{symbol}"
    first = await ws_connect(server)
    await first.send({"type": "ticks.subscribe", "payload": {"symbol": symbol}})
    assert await first.recv() == {
        "type": "ticks.subscribe.response",
        "payload": {"status": "ok", "symbol": symbol, "message": f"Subscribed to {symbol}", "topic": topic},
    }
    over_http = await publish(server, topic, [tick(1), tick(2)])
    assert over_http == {"published": 2, "topic": topic, "epoch": over_http["epoch"], "seq": 2}
    in_process = await publish(server, topic, [tick(3)], path="/test/publish")
    assert in_process == {"seq": 3, "epoch": over_http["epoch"]}
    received = await updates(first, 3)
    assert [(m["type"], m["topic"], m["seq"], m["payload"]) for m in received] == [
        ("ticks.update", topic, n, tick(n)) for n in (1, 2, 3)
    ]

    late = await ws_connect(server)  # the family's first message: `first: last`
    await late.send({"type": "ticks.subscribe", "payload": {"symbol": symbol}})
    assert (await late.recv())["payload"]["status"] == "ok"
    assert (await late.recv()) == received[-1]

    # A latest family without a key keeps its newest message: that is its history, and what a
    # client that missed some states gets back.
    assert (await history(server, topic)).json() == {"topic": topic, "messages": [received[-1]]}
    await first.close()
    await publish(server, topic, [tick(4), tick(5)])
    back = await ws_connect(server)
    result = (await subscribe(back, [topic], since={topic: position(received[-1])}))[topic]
    assert (result["status"], result["recovered"], result["recovered_count"], result["seq"]) == ("ok", True, 1, 5)
    assert (await back.recv())["payload"] == tick(5)

    metrics = httpx.get(f"{server.base_url}/metrics").text
    assert 'trading_ws_subscriptions{family="ticks"} 2.0' in metrics
    assert 'trading_ws_messages_out_total{type="ticks.update"}' in metrics
    assert 'type="bars.update"' not in metrics

    refused = httpx.post(f"{server.base_url}/api/v1/publish", json={"topic": topic, "messages": [{"price": 1}]})
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "messages", 0, "time"]


async def test_the_demo_feed_leaves_another_family_alone(family_server, ws_connect):
    """With the demo market on, subscribing to a family it does not make is answered like any
    other, and the connection goes on (it once hung, unanswered, past its heartbeat)."""
    server = family_server(WS_DEMO_FEED="1", WS_DEMO_INTERVAL="0.05")
    client = await ws_connect(server)
    await client.send({"type": "ticks.subscribe", "payload": {"symbol": "AAPL"}})
    assert (await client.recv())["payload"]["status"] == "ok"
    await client.send({"type": "bars.subscribe", "payload": {"symbol": "AAPL"}})
    assert (await client.recv())["payload"]["status"] == "ok"
    assert {(await client.recv())["type"] for _ in range(2)} == {"bars.update"}
    await client.send({"type": "ticks.unsubscribe", "payload": {"symbol": "AAPL"}})
    reply = await client.recv()
    while reply["type"] == "bars.update":
        reply = await client.recv()
    assert reply["type"] == "ticks.unsubscribe.response"


async def test_the_family_behind_redis_with_two_workers(family_server, redis, ws_connect):
    a, b = family_server(redis), family_server(redis)
    symbol = unique_symbol()
    topic = f"events:{symbol}"
    on_a, on_b = await ws_connect(a), await ws_connect(b)
    for client in (on_a, on_b):
        await client.send({"type": "events.subscribe", "payload": {"symbol": symbol}})
        assert (await client.recv())["payload"]["status"] == "ok"
    await publish(a, topic, events(1, 3))
    await publish(b, topic, events(4, 2))
    got_a, got_b = await updates(on_a, 5), await updates(on_b, 5)
    assert got_a == got_b  # the same frames, the same numbers, on both workers
    assert [m["seq"] for m in got_a] == [1, 2, 3, 4, 5] and [m["payload"]["n"] for m in got_a] == [1, 2, 3, 4, 5]
    page = (await history(b, topic, limit=2, end=5)).json()["messages"]
    assert [m["seq"] for m in page] == [3, 4]  # a stream pages back by seq
    await on_a.close()
    await publish(b, topic, events(6, 3))
    again = await ws_connect(a)
    result = (await subscribe(again, [topic], since={topic: position(got_a[-1])}))[topic]
    assert (result["recovered"], result["recovered_count"]) == (True, 3)
    assert [m["payload"]["n"] for m in await updates(again, 3)] == [6, 7, 8]
    assert await again.until_pong() == []
