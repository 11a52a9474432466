"""Quotes and trades: their replies, what a new subscriber gets first, what publishing refuses,
and trades that resume after a reconnect with no gap and no duplicate."""

import httpx
import pytest

from tests.engine.helpers import history, position, publish, subscribe, updates
from tests.live_server import unique_symbol

T0 = 1_700_000_000_000


def quote(n: int, bid: str = "100.10", ask: str = "100.12") -> dict[str, object]:
    return {"time": T0 + n, "bid": bid, "bid_size": "300", "ask": ask, "ask_size": "200"}


def trades(first_id: int, count: int) -> dict[str, object]:
    return {
        "trades": [
            {"id": i, "time": T0 + i, "price": f"100.{i % 100:02d}", "size": "5", "side": "buy" if i % 2 else "sell"}
            for i in range(first_id, first_id + count)
        ]
    }


async def reply_to(client, kind: str, symbol: str) -> dict[str, object]:
    await client.send({"type": kind, "payload": {"symbol": symbol}})
    reply = await client.recv()
    assert reply["type"] == f"{kind}.response", reply
    return reply["payload"]


@pytest.mark.parametrize("family", ["quotes", "trades"])
async def test_subscribe_and_unsubscribe_are_answered_like_bars(market, ws_connect, family):
    client = await ws_connect(market.reader)
    symbol = unique_symbol()
    assert await reply_to(client, f"{family}.subscribe", symbol) == {
        "status": "ok",
        "symbol": symbol,
        "message": f"Subscribed to {symbol}",
        "topic": f"{family}:{symbol}",
    }
    assert await client.until_pong() == []  # nothing was published yet: nothing follows
    unsubscribed = await reply_to(client, f"{family}.unsubscribe", symbol)
    assert (unsubscribed["status"], unsubscribed["topic"]) == ("ok", f"{family}:{symbol}")


async def test_a_new_subscriber_gets_the_last_quote_first_then_each_new_one(market, ws_connect):
    symbol = unique_symbol()
    topic = f"quotes:{symbol}"
    await publish(market.publisher, topic, [quote(1), quote(2, bid="100.11")])
    client = await ws_connect(market.reader)
    assert (await reply_to(client, "quotes.subscribe", symbol))["status"] == "ok"
    first = await client.recv()
    assert (first["type"], first["topic"], first["seq"], first["payload"]) == (
        "quotes.update",
        topic,
        2,
        quote(2, "100.11"),
    )
    await publish(market.publisher, topic, [quote(3, ask="100.20")])
    [live] = await updates(client, 1)
    assert (live["seq"], live["payload"]) == (3, quote(3, ask="100.20"))


async def test_trades_have_no_first_message_and_are_kept_for_history(market, ws_connect):
    symbol = unique_symbol()
    topic = f"trades:{symbol}"
    await publish(market.publisher, topic, [trades(1, 3)])
    client = await ws_connect(market.reader)
    assert (await reply_to(client, "trades.subscribe", symbol))["status"] == "ok"
    assert await client.until_pong() == []  # a stream: the client asks the history for the past
    await publish(market.publisher, topic, [trades(4, 2), trades(6, 1)])
    live = await updates(client, 2)
    assert [t["id"] for m in live for t in m["payload"]["trades"]] == [4, 5, 6]
    kept = (await history(market.reader, topic)).json()["messages"]
    assert [m["seq"] for m in kept] == [1, 2, 3]
    assert [t["id"] for m in kept for t in m["payload"]["trades"]] == list(range(1, 7))


BAD = {
    "a bid above the ask": ("quotes", quote(1, bid="100.13", ask="100.12"), "bid 100.13 is above ask 100.12"),
    "a negative size": ("quotes", {**quote(1), "bid_size": "-3"}, "String should match pattern"),
    "a price as a float": ("quotes", {**quote(1), "bid": 100.1}, "Input should be a valid string"),
    "ids that do not rise": ("trades", {"trades": [*trades(5, 1)["trades"], *trades(5, 1)["trades"]]}, "ids rise"),
    "a side that is none": ("trades", {"trades": [{**trades(1, 1)["trades"][0], "side": "short"}]}, "'buy' or 'sell'"),
    "no trades": ("trades", {"trades": []}, "at least 1 item"),
    "a negative trade size": ("trades", {"trades": [{**trades(1, 1)["trades"][0], "size": "-1"}]}, "pattern"),
}


@pytest.mark.parametrize(("family", "message", "error"), BAD.values(), ids=BAD.keys())
async def test_publishing_an_invalid_message_is_422_and_publishes_nothing(market, ws_connect, family, message, error):
    symbol = unique_symbol()
    topic = f"{family}:{symbol}"
    client = await ws_connect(market.reader)
    await subscribe(client, [topic])
    good = quote(0) if family == "quotes" else trades(1, 1)
    async with httpx.AsyncClient(base_url=market.publisher.base_url, timeout=10) as http:
        response = await http.post("/api/v1/publish", json={"topic": topic, "messages": [good, message]})
    assert response.status_code == 422, response.text
    [detail] = response.json()["detail"]
    assert detail["loc"][:3] == ["body", "messages", 1] and error in detail["msg"], detail
    assert await client.until_pong() == []  # not even the good one went out


async def test_trades_resume_after_a_reconnect_with_since_with_no_gap_and_no_duplicate(market, ws_connect):
    symbol = unique_symbol()
    topic = f"trades:{symbol}"
    client = await ws_connect(market.reader)
    await subscribe(client, [topic])
    for first in range(1, 50, 10):
        await publish(market.publisher, topic, [trades(first, 10)])
    seen = await updates(client, 5)
    client.conn.transport.abort()  # a lost connection: no close frame
    for first in range(51, 150, 33):
        await publish(market.publisher, topic, [trades(first, 33)])

    back = await ws_connect(market.reader)
    result = (await subscribe(back, [topic], since={topic: position(seen[-1])}))[topic]
    assert (result["recovered"], result["recovered_count"]) == (True, 3)
    await publish(market.publisher, topic, [trades(150, 1)])
    resumed = await updates(back, 4)
    ids = [t["id"] for m in seen + resumed for t in m["payload"]["trades"]]
    assert ids == list(range(1, 151))  # strictly rising, none missing, none twice
    assert [m["seq"] for m in seen + resumed] == list(range(1, 10))
