"""Producers outside the service publish straight into Redis with the service's publishing
script (its keys and arguments documented in asyncapi.yaml): what it frames reaches clients byte
for byte, numbered like the service's own messages, and is the snapshot and the history on
every server; a bare PUBLISH, or anything else that breaks the spec, is logged and dropped."""

import asyncio

import orjson

from tests.live_server import make_bar, make_bars, unique_symbol, unsequenced
from tests.redis.helpers import channel, history, until, updates_until
from tests.redis.producer import ScriptProducer, names


async def test_frames_the_script_builds_reach_clients_as_they_are(pair, ws_connect, redis_client):
    server = pair[0]
    client = await ws_connect(server)
    symbol = unique_symbol()
    await client.subscribe(symbol)
    producer = ScriptProducer(redis_client)
    bar = make_bar(1_700_000_000_000)
    spaced = (
        b'{"time": %d, "open": 100.0, "high": 101.0, "low": 99.0, "close": 100.5, "volume": 10, "note": "x"}'
        % (bar["time"])
    )
    epoch, seq = await producer.publish(f"bars:{symbol}:1", [spaced])
    frame = await asyncio.wait_for(client.conn.recv(), 5)
    # The producer's own payload bytes, framed by the script, forwarded without re-serializing.
    head = b'{"type":"bars.update","topic":"bars:%b:1","epoch":"%b","seq":%d,"payload":' % (
        symbol.encode(),
        epoch.encode(),
        seq,
    )
    assert frame == (head + spaced + b"}").decode()
    assert seq == 1 and epoch != "producerepoch"  # the subscribe started the topic's stream already
    ours = await server.apublish(symbol, [make_bar(1_700_000_060_000)])
    assert ours.status_code == 200
    assert [m["seq"] for m in await client.until_pong()] == [2]  # the service numbers on


async def test_anything_but_a_valid_frame_of_the_channel_is_logged_and_dropped(pair, ws_connect, redis_client):
    server = pair[0]
    logged = server.logs().count("dropped an invalid message")
    client = await ws_connect(server)
    symbol, other = unique_symbol(), unique_symbol()
    await client.subscribe(symbol)
    bar = make_bar(1_700_000_000_000)

    def update(topic: str, payload: dict[str, object], **envelope: object) -> bytes:
        return orjson.dumps({"type": "bars.update", "topic": topic, **envelope, "payload": payload})

    numbered = {"epoch": "e1", "seq": 1}
    garbage = [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        orjson.dumps({"type": "pong"}),
        update(f"bars:{symbol}:1", bar),  # a bare PUBLISH of 1.x: no seq, no epoch
        update(f"bars:{other}:1", bar, **numbered),  # another topic's frame on this channel
        update(f"bars:{symbol}:1", {**bar, "high": 1.0}, **numbered),  # high below open
        update(f"bars:{symbol}:1", {**bar, "volume": -1}, **numbered),
        b"x" * 1_100_000,
    ]
    for message in garbage:
        await redis_client.publish(channel(symbol), message)
    good = make_bar(1_700_000_060_000)
    await ScriptProducer(redis_client).publish(f"bars:{symbol}:1", [good])
    assert await updates_until(client, good["time"]) == [good]
    await until(lambda: server.logs().count("dropped an invalid message") == logged + len(garbage))


async def test_what_a_producer_publishes_is_the_snapshot_and_the_history_everywhere(pair, ws_connect, redis_client):
    symbol = unique_symbol()
    topic = f"bars:{symbol}:1"
    producer = ScriptProducer(redis_client)
    first, forming = make_bar(1_700_000_000_000), make_bar(1_700_000_060_000)
    later_state = {**forming, "close": 101.0, "volume": 20}
    for bar in (first, forming, later_state, first):  # the last is older than the newest: not kept
        await producer.publish(topic, [bar])
    for server in pair:
        assert (await history(server, symbol)).json() == [first, later_state]
        client = await ws_connect(server)
        await client.subscribe(symbol)
        snapshot = unsequenced(await client.recv())
        assert snapshot == {"type": "bars.update", "topic": topic, "payload": later_state}

    # What a careless producer leaves there is skipped (and logged), never served.
    server = pair[0]
    logged = server.logs().count("dropped an invalid message")
    _, log, _ = names(topic)
    bad = orjson.dumps(
        {
            "type": "bars.update",
            "topic": topic,
            "epoch": "producerepoch",
            "seq": 9,
            "payload": {**make_bar(1_700_000_120_000), "high": 1.0},
        }
    )
    await redis_client.zadd(log, {b"not json": 10, bad: 9})
    assert (await history(server, symbol)).json() == [first, later_state]
    await until(lambda: server.logs().count("dropped an invalid message") == logged + 2)


async def test_the_script_keeps_what_the_family_keeps(redis_client):
    """Its keep modes, as the spec documents them: a stream keeps every message up to its
    history, `latest` only the newest, `keyed` one per key with keys rising."""
    producer = ScriptProducer(redis_client)
    stream, latest = f"events:{unique_symbol()}", f"quotes:{unique_symbol()}"
    for n in range(5):
        await producer.publish(stream, [{"n": n}], [None], kind="events.update", mode="stream", history=3)
        await producer.publish(latest, [{"n": n}], [None], kind="quotes.update", mode="latest", history=3)
    kept = {
        topic: [orjson.loads(f)["seq"] for f in await redis_client.zrange(names(topic)[1], 0, -1)]
        for topic in (stream, latest)
    }
    assert kept == {stream: [3, 4, 5], latest: [5]}
    state = await redis_client.hgetall(names(stream)[0])
    assert (state[b"seq"], state[b"trimmed"]) == (b"5", b"2")
    assert 50 < await redis_client.ttl(names(stream)[0]) <= 60
    bars = make_bars(3)
    assert await producer.publish(f"bars:{unique_symbol()}:1", bars) == ("producerepoch", 3)
