"""The relay between a hub and Redis, in-process over the session's redis-server: channel reference
counts under concurrent joins and leaves, one delivery per message, joins the worker's own log
answers without reading Redis, and the checks every frame from Redis passes."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import orjson
import pytest

from app.pubsub.broker import Recovery, redact_url
from app.pubsub.broker.redis import RedisBroker
from app.pubsub.derived import Books
from app.pubsub.families import Rules
from app.pubsub.hub import Hub
from app.pubsub.publisher import BrokerPublisher
from app.pubsub.relay import Relay, merged, parse
from app.pubsub.subscriptions import JoinRequest
from app.pubsub.topic_log import Entry, KeepRule, Position, TopicLog
from app.transport.framing import out_frame
from generated.families import BARS
from generated.models import Bar
from tests.server.fakes import Recorder

TOPIC = "bars:AAPL:1"


def bar(minute: int) -> Bar:
    return Bar(time=1_700_000_000_000 + minute * 60_000, open=1.0, high=2.0, low=0.5, close=1.5, volume=minute)


class CountingBroker(RedisBroker):
    """Counts (un)subscribe and recover calls; `gate` holds every subscription until set."""

    def __init__(self, url: str) -> None:
        super().__init__(url, prefix=f"test-{uuid.uuid4().hex[:8]}:", snapshot_ttl=60, timeout=2.0, reconnect_max=0.3)
        self.calls: list[tuple[str, str]] = []
        self.reads = 0
        self.gate = asyncio.Event()
        self.gate.set()

    def subscribe(self, topic: str) -> "asyncio.Future[None]":
        self.calls.append(("subscribe", topic))
        live = super().subscribe(topic)
        gated = asyncio.get_running_loop().create_future()

        async def open_when_allowed() -> None:
            await live
            await self.gate.wait()
            gated.set_result(None)

        asyncio.get_running_loop().create_task(open_when_allowed())
        return gated

    def unsubscribe(self, topic: str) -> None:
        self.calls.append(("unsubscribe", topic))
        super().unsubscribe(topic)

    async def recover(self, requests: list[tuple[str, Position | None]]) -> list[Recovery]:  # type: ignore[override]
        self.reads += len(requests)
        return await super().recover(requests)


@pytest.fixture
async def relayed(redis_server) -> AsyncIterator[tuple[Hub, CountingBroker, Relay, BrokerPublisher]]:
    broker = CountingBroker(redis_server.url)
    hub, rules = Hub(), Rules()
    relay = Relay(hub, broker, rules, Books(hub), timeout=1.0)
    await broker.connect()
    relay.start()
    yield hub, broker, relay, BrokerPublisher(broker, rules)
    await relay.stop()
    await broker.disconnect()


def join(relay: Relay, subscriber: Recorder, since: Position | None = None) -> "asyncio.Task[list]":
    return asyncio.create_task(relay.join(subscriber, [JoinRequest(TOPIC, BARS, since)]))


async def until_frames(recorder: Recorder, count: int) -> list[dict]:
    async with asyncio.timeout(5):
        while len(recorder.frames) < count:
            recorder.got_one.clear()
            await recorder.got_one.wait()
    return [orjson.loads(frame) for frame in recorder.frames]


async def test_concurrent_first_joins_subscribe_once_and_all_get_in(relayed):
    hub, broker, relay, publisher = relayed
    broker.gate.clear()
    subscribers = [Recorder() for _ in range(5)]
    joins = [join(relay, s) for s in subscribers]
    await asyncio.sleep(0.05)
    assert broker.calls == [("subscribe", TOPIC)]
    assert not hub.has_subscribers(TOPIC)  # nobody is in before the channel is live
    broker.gate.set()
    results = await asyncio.gather(*joins)
    assert [joined.position.seq for [joined] in results] == [0] * 5
    await publisher.publish(TOPIC, [bar(1)])
    for subscriber in subscribers:  # one delivery each, through Redis
        assert [m["seq"] for m in await until_frames(subscriber, 1)] == [1]


async def test_the_last_leaving_while_another_joins_keeps_the_channel(relayed):
    hub, broker, relay, _ = relayed
    first, second = Recorder(), Recorder()
    await join(relay, first)
    broker.gate.clear()
    joining = join(relay, second)
    await asyncio.sleep(0)
    hub.unsubscribe(TOPIC, first)  # the last subscriber leaves mid-join: the channel stays
    assert relay.held == {TOPIC}
    broker.gate.set()
    await joining
    assert broker.calls == [("subscribe", TOPIC)]
    hub.unsubscribe(TOPIC, second)
    assert relay.held == frozenset() and broker.calls[-1] == ("unsubscribe", TOPIC)


async def test_a_join_that_fails_releases_the_channel(relayed):
    hub, broker, relay, _ = relayed
    broker.gate.clear()
    joining = join(relay, Recorder())
    await asyncio.sleep(0.05)
    joining.cancel()  # e.g. the server stops mid-join
    with pytest.raises(asyncio.CancelledError):
        await joining
    assert relay.held == frozenset() and broker.calls == [("subscribe", TOPIC), ("unsubscribe", TOPIC)]
    assert not hub.has_subscribers(TOPIC)


async def test_a_join_the_worker_s_own_log_answers_reads_nothing_from_redis(relayed):
    _hub, broker, relay, publisher = relayed
    watcher = Recorder()
    await join(relay, watcher)
    await publisher.publish(TOPIC, [bar(1), bar(2), bar(3)])
    frames = await until_frames(watcher, 3)
    reads = broker.reads
    resuming = Recorder()
    [joined] = await join(relay, resuming, Position(frames[0]["seq"], frames[0]["epoch"]))
    assert broker.reads == reads  # a reconnect storm costs this worker's log, not Redis
    assert (joined.recovered, [orjson.loads(f.json)["seq"] for f in joined.frames]) == (True, [2, 3])
    [fresh] = await join(relay, Recorder())  # no position: the newest bar, from the log too
    assert broker.reads == reads and [orjson.loads(f.json)["seq"] for f in fresh.frames] == [3]


def test_only_valid_updates_of_the_channel_get_through():
    good = (
        b'{"type":"bars.update","topic":"bars:AAPL:1","epoch":"e1","seq":4,'
        b'"payload":{"time":0,"open":1,"high":2,"low":0.5,"close":1,"volume":0}}'
    )
    parsed = parse(BARS, TOPIC, good)
    assert parsed is not None and parsed.frame.json is good and (parsed.seq, parsed.epoch, parsed.key) == (4, "e1", 0)
    assert parsed.frame.key == (TOPIC, 0) and parsed.frame.kind == "bars.update"
    assert parse(BARS, "bars:MSFT:1", good) is None
    assert parse(BARS, TOPIC, good.replace(b'"seq":4,', b"")) is None
    assert parse(BARS, TOPIC, good.replace(b'"high":2', b'"high":0.9')) is None  # below open
    assert parse(BARS, TOPIC, b"{}") is None


def test_merging_a_read_with_the_log_keeps_the_family_s_rule():
    def entries(*pairs: tuple[int, int | None]) -> list[Entry]:
        return [Entry(seq, key, out_frame(b"{}")) for seq, key in pairs]

    keyed = KeepRule(capacity=3, keyed=True, replace_all=False)
    read, local = entries((3, 10), (4, 20)), entries((4, 20), (5, 20), (6, 30))
    assert [(e.seq, e.key) for e in merged(keyed, read + local)] == [(3, 10), (5, 20), (6, 30)]
    stream = KeepRule(capacity=2, keyed=False, replace_all=False)
    log = TopicLog(stream, "e1", 3, 0)
    log.adopt(merged(stream, entries((1, None), (2, None), (3, None))))  # bounded as the log keeps
    assert ([e.seq for e in log.entries], log.trimmed) == ([2, 3], 1)
    whole = KeepRule(capacity=5, keyed=False, replace_all=True)
    assert [e.seq for e in merged(whole, entries((1, None), (2, None)))] == [2]


def test_redact_url_masks_only_the_password():
    assert redact_url("redis://:s3cret@host:6379/0") == "redis://:***@host:6379/0"
    assert redact_url("rediss://user:s3cret@host/1") == "rediss://user:***@host/1"
    assert redact_url("redis://host:6379/0") == "redis://host:6379/0"
    assert redact_url("memory://") == "memory://"
