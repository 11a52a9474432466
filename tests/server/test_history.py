"""History in one process: `GET /api/v1/history` for any family that keeps it, paged back with
`end`, and the bars form of 1.x, `GET /api/v1/bars/history`, with the same rule and `end` too.
(Behind Redis: tests/redis/test_history.py.)"""

from typing import Any

import httpx
import pytest

from tests.live_server import make_bar, unique_symbol

START = 1_700_000_040_000


def bar(minute: int, close: float = 100.5) -> dict[str, Any]:
    return {**make_bar(START + minute * 60_000), "close": close}


async def page(server, **params: Any) -> httpx.Response:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as http:
        return await http.get("/api/v1/history", params=params)


async def bars_page(server, symbol: str, **params: Any) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as http:
        response = await http.get("/api/v1/bars/history", params={"symbol": symbol, **params})
    assert response.status_code == 200, response.text
    return list(response.json())


async def test_one_entry_per_bar_time_newest_state_older_ones_not_kept(server):
    symbol = unique_symbol()
    for bars in ([bar(0)], [bar(1, close=100.1)], [bar(1, close=100.2), bar(0, close=99.9)], [bar(2)]):
        assert (await server.apublish(symbol, bars)).status_code == 200
    expected = [bar(0), bar(1, close=100.2), bar(2)]
    assert await bars_page(server, symbol) == expected
    frames = (await page(server, topic=f"bars:{symbol}:1")).json()
    assert frames["topic"] == f"bars:{symbol}:1"
    # seq 2 was replaced by 3, its newer state; seq 4 (an older bar) was delivered, not kept.
    assert [(m["seq"], m["payload"]) for m in frames["messages"]] == [
        (1, bar(0)),
        (3, bar(1, close=100.2)),
        (5, bar(2)),
    ]
    assert await bars_page(server, unique_symbol()) == []


async def test_end_pages_back_until_nothing_is_left(server):
    symbol = unique_symbol()
    assert (await server.apublish(symbol, [bar(m) for m in range(25)])).status_code == 200
    seen: list[int] = []
    end = None
    for _ in range(4):  # 25 bars in pages of 10: 10, 10, 5, then nothing
        params = {"limit": 10, **({"end": end} if end is not None else {})}
        bars = await bars_page(server, symbol, **params)
        if not bars:
            break
        assert [b["time"] for b in bars] == sorted(b["time"] for b in bars)  # each page oldest first
        seen = [b["time"] for b in bars] + seen
        end = bars[0]["time"]
    assert seen == [START + m * 60_000 for m in range(25)]
    framed = (await page(server, topic=f"bars:{symbol}:1", limit=3, end=START + 10 * 60_000)).json()["messages"]
    assert [m["payload"]["time"] for m in framed] == [START + m * 60_000 for m in (7, 8, 9)]


@pytest.mark.parametrize(
    "params, status",
    [
        ({"topic": "nope:AAPL"}, 422),
        ({"topic": "bars:AAPL:7"}, 422),
        ({"topic": "bars:AAPL:1", "limit": 0}, 422),
        ({"topic": "bars:AAPL:1", "limit": 1001}, 422),
        ({"topic": "bars:AAPL:1", "end": -1}, 422),
        ({}, 422),
    ],
)
async def test_bad_requests_get_422(server, params, status):
    assert (await page(server, **params)).status_code == status
