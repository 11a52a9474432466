"""GET /metrics (Prometheus text format) against a scenario whose numbers are known."""

import asyncio

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.live_server import RunningServer, make_bars, unique_symbol


def scrape(running: RunningServer) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = httpx.get(f"{running.base_url}/metrics").text
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_metrics_count_a_known_scenario(server_factory, ws_connect) -> None:
    running = server_factory()
    one, daily = unique_symbol(), unique_symbol()
    a, b = await ws_connect(running), await ws_connect(running)
    await a.subscribe(one)
    await b.subscribe(one)
    await b.subscribe(daily, "D")
    await running.apublish(one, make_bars(3))
    await running.apublish(daily, make_bars(2), resolution="D")
    assert len(await a.until_pong()) == 3 and len(await b.until_pong()) == 5
    await asyncio.sleep(0.05)

    m = scrape(running)
    assert m[("trading_ws_connections", ())] == 2
    assert m[("trading_ws_subscriptions", (("family", "bars"),))] == 3
    assert m[("trading_ws_messages_in_total", (("type", "bars.subscribe"),))] == 3
    assert m[("trading_ws_messages_in_total", (("type", "ping"),))] == 2
    assert m[("trading_ws_messages_out_total", (("type", "bars.subscribe.response"),))] == 3
    assert m[("trading_ws_messages_out_total", (("type", "pong"),))] == 2
    assert m[("trading_ws_messages_out_total", (("type", "bars.update"),))] == 3 * 2 + 2 * 1
    assert m[("trading_ws_publish_to_send_seconds_count", ())] >= 1
    assert m[("trading_ws_broker_up", ())] == 1
    assert m[("trading_ws_slow_consumer_disconnects_total", ())] == 0
    assert m[("process_resident_memory_bytes", ())] > 0

    await a.close()
    await asyncio.sleep(0.2)
    m = scrape(running)
    assert m[("trading_ws_connections", ())] == 1
    assert m[("trading_ws_subscriptions", (("family", "bars"),))] == 2
