"""Batch `subscribe` / `unsubscribe`: one reply for many topics of any families, a bad topic fails
only itself, the connection's limit refuses a request whole, a batch is one message for the rate
limit, private topics need their user, and the family messages of 1.x keep their replies."""

from tests.engine.helpers import events, publish, subscribe, tick, updates
from tests.live_server import unique_symbol


async def test_one_reply_in_request_order_bad_topics_fail_alone(family_server, ws_connect):
    server = family_server()
    client = await ws_connect(server)
    symbol = unique_symbol()
    topics = [
        f"ticks:{symbol}",
        "nope:X",
        f"bars:{symbol}:7",
        f"events:{symbol}",
        f"ticks:{symbol}",
        f"bars:{symbol}:D",
    ]
    results = await subscribe(client, topics, req_id="r-1")
    assert list(results) == [f"ticks:{symbol}", "nope:X", f"bars:{symbol}:7", f"events:{symbol}", f"bars:{symbol}:D"]
    assert {t: r["status"] for t, r in results.items()} == {
        f"ticks:{symbol}": "ok",
        "nope:X": "error",
        f"bars:{symbol}:7": "error",
        f"events:{symbol}": "ok",
        f"bars:{symbol}:D": "ok",
    }
    assert results["nope:X"]["code"] == "invalid_topic" and "names no channel family" in results["nope:X"]["message"]
    assert results[f"bars:{symbol}:7"]["code"] == "invalid_topic"
    await publish(server, f"ticks:{symbol}", [tick(1)])
    await publish(server, f"events:{symbol}", events(1, 1))
    assert {m["topic"] for m in await updates(client, 2)} == {f"ticks:{symbol}", f"events:{symbol}"}

    again = await subscribe(client, [f"ticks:{symbol}"])  # held already: ok, and nothing more
    assert again[f"ticks:{symbol}"] == {
        "topic": f"ticks:{symbol}",
        "status": "ok",
        "seq": 1,
        "epoch": again[f"ticks:{symbol}"]["epoch"],
    }
    assert await client.until_pong() == []

    await client.send({"type": "unsubscribe", "payload": {"req_id": "r-2", "topics": [f"ticks:{symbol}", "nope:X"]}})
    reply = await client.recv()
    assert reply == {
        "type": "unsubscribe.response",
        "payload": {
            "req_id": "r-2",
            "results": [
                {"topic": f"ticks:{symbol}", "status": "ok"},
                {
                    "topic": "nope:X",
                    "status": "error",
                    "code": "invalid_topic",
                    "message": reply["payload"]["results"][1]["message"],
                },
            ],
        },
    }
    await publish(server, f"ticks:{symbol}", [tick(2)])
    await publish(server, f"events:{symbol}", events(2, 1))
    assert [m["topic"] for m in await client.until_pong()] == [f"events:{symbol}"]


async def test_a_request_past_the_limit_is_refused_whole_and_changes_nothing(family_server, ws_connect):
    server = family_server(WS_MAX_SUBSCRIPTIONS="3")
    client = await ws_connect(server)
    symbol = unique_symbol()
    held = await subscribe(client, [f"ticks:{symbol}", f"events:{symbol}", f"ticks:{symbol}"])  # counted once
    assert [r["status"] for r in held.values()] == ["ok", "ok"]
    too_many = await subscribe(client, [f"bars:{symbol}:1", f"bars:{symbol}:5", "nope:X", f"ticks:{symbol}"])
    assert {t: r.get("code", "ok") for t, r in too_many.items()} == {
        f"bars:{symbol}:1": "subscription_limit",
        f"bars:{symbol}:5": "subscription_limit",
        "nope:X": "invalid_topic",
        f"ticks:{symbol}": "ok",  # held already: not one more
    }
    assert "at most 3 topics per connection" in too_many[f"bars:{symbol}:1"]["message"]
    await publish(server, f"bars:{symbol}:1", [])  # nothing: nobody got bars:...:1
    assert await client.until_pong() == []
    await client.send({"type": "bars.subscribe", "payload": {"symbol": symbol, "params": {"resolution": "1"}}})
    assert (await client.recv())["payload"]["status"] == "ok"  # one more fits; its reply is 1.x's
    await client.send({"type": "bars.subscribe", "payload": {"symbol": symbol, "params": {"resolution": "5"}}})
    refused = (await client.recv())["payload"]
    assert (refused["status"], refused["code"]) == ("error", "subscription_limit")
    assert refused["message"] == "Subscription limit reached: at most 3 topics per connection"


async def test_a_batch_counts_once_against_the_rate_limit(family_server, ws_connect):
    server = family_server(WS_RATE_LIMIT="1", WS_RATE_BURST="100", WS_MAX_SUBSCRIPTIONS="100")
    client = await ws_connect(server)
    symbol = unique_symbol()
    for burst in range(3):  # 3 messages of 30 topics each: 3 tokens, far below the burst
        results = await subscribe(client, [f"ticks:{symbol}{burst}{i}" for i in range(30)])
        assert all(r["status"] == "ok" for r in results.values())
    assert await client.until_pong() == []


async def test_private_topics_need_the_connection_s_own_user(family_server, ws_connect):
    anonymous = await ws_connect(family_server())
    assert (await subscribe(anonymous, ["alerts#alice"]))["alerts#alice"]["code"] == "auth_required"
    await anonymous.send({"type": "alerts.subscribe", "payload": {}})
    assert (await anonymous.recv())["payload"]["code"] == "auth_required"

    secured = family_server(WS_AUTH_JWT_SECRET=SECRET)
    bob = await ws_connect(secured, additional_headers={"Authorization": f"Bearer {token('bob')}"})
    results = await subscribe(bob, ["alerts#alice", "alerts#bob"])
    assert results["alerts#alice"]["code"] == "permission_denied"
    assert results["alerts#bob"]["status"] == "ok"
    await bob.send({"type": "alerts.subscribe", "payload": {}})  # its own message names the user's topic itself
    assert (await bob.recv())["payload"] == {"status": "ok", "message": "Subscribed to alerts", "topic": "alerts#bob"}
    await publish(secured, "alerts#alice", events(1, 1))
    await publish(secured, "alerts#bob", events(1, 1))
    assert [m["topic"] for m in await bob.until_pong()] == ["alerts#bob"]  # and the socket stays open


SECRET = "test-secret-of-32-bytes-or-more!!"


def token(subject: str) -> str:
    import time

    import jwt

    return jwt.encode({"sub": subject, "exp": int(time.time()) + 600}, SECRET, algorithm="HS256")
