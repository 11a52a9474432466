"""Fan-out under load: many concurrent clients each get exactly their topic's bars, in order,
and a client vanishing mid-broadcast disturbs nobody."""

import asyncio

from tests.live_server import make_bars, unique_symbol

CLIENTS, TOPICS, BARS = 100, 10, 50


async def test_100_clients_each_receive_exactly_their_topics_50_bars_in_order(server, ws_connect):
    symbols = [unique_symbol() for _ in range(TOPICS)]
    clients = await asyncio.gather(*(ws_connect(server) for _ in range(CLIENTS)))
    mine = {client: symbols[i % TOPICS] for i, client in enumerate(clients)}
    await asyncio.gather(*(client.subscribe(symbol) for client, symbol in mine.items()))

    published = {symbol: make_bars(BARS, start=1_700_000_000_000 + i) for i, symbol in enumerate(symbols)}
    async with asyncio.timeout(20):
        responses = await asyncio.gather(*(server.apublish(s, bars) for s, bars in published.items()))
        assert [r.json() for r in responses] == [{"published": BARS}] * TOPICS
        # Every bar is queued for its subscribers before its POST returns, so the barrier
        # below sees all of them and anything else that leaked.
        received = await asyncio.gather(*(client.until_pong() for client in clients))

    for client, messages in zip(clients, received, strict=True):
        symbol = mine[client]
        assert [m["topic"] for m in messages] == [f"bars:{symbol}:1"] * BARS
        assert [m["payload"] for m in messages] == published[symbol]


async def test_a_client_vanishing_mid_broadcast_disturbs_nobody(server, ws_connect):
    symbol = unique_symbol()
    stayers = [await ws_connect(server) for _ in range(10)]
    quitter = await ws_connect(server)
    for client in [*stayers, quitter]:
        await client.subscribe(symbol)
    batches = [make_bars(20, start=1_700_000_000_000 + i * 20 * 60_000) for i in range(10)]

    async def publish_all() -> None:
        for batch in batches:
            assert (await server.apublish(symbol, batch)).status_code == 200

    async def quit_abruptly() -> None:
        for _ in range(5):
            await quitter.recv()
        quitter.conn.transport.abort()  # no close frame: the TCP connection just drops

    async with asyncio.timeout(20):
        await asyncio.gather(publish_all(), quit_abruptly())
        received = await asyncio.gather(*(client.until_pong() for client in stayers))

    expected = [bar for batch in batches for bar in batch]
    for messages in received:
        assert [m["payload"] for m in messages] == expected
    # The service is unharmed: new clients work and nothing went wrong in its log.
    newcomer = await ws_connect(server)
    assert (await newcomer.subscribe(symbol))["payload"]["status"] == "ok"
    assert (await newcomer.recv())["payload"] == expected[-1]
    assert "Traceback" not in server.logs()
