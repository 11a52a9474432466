"""The relay between a hub and a broker, in-process over MemoryBroker: channel reference counts
under concurrent joins and leaves, the snapshot choice, and one delivery per message. (The
same logic over a real Redis: the other tests of this package.)"""

import asyncio

import pytest

from app.pubsub.broker import MemoryBroker, redact_url
from app.pubsub.hub import Hub
from app.pubsub.relay import Relay, frame_of
from generated.models import Bar
from tests.server.fakes import Recorder

TOPIC = "bars:AAPL:1"


def bar(minute: int) -> Bar:
    return Bar(time=1_700_000_000_000 + minute * 60_000, open=1.0, high=2.0, low=0.5, close=1.5, volume=minute)


class CountingBroker(MemoryBroker):
    """Counts (un)subscribe calls; `gate` holds every subscription until set."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str]] = []
        self.kept: list[tuple[str, bytes]] = []
        self.gate = asyncio.Event()
        self.gate.set()

    def keep(self, channel: str, message: bytes) -> None:
        self.kept.append((channel, message))
        super().keep(channel, message)

    def subscribe(self, channel: str) -> "asyncio.Future[None]":
        self.calls.append(("subscribe", channel))
        self._channels.add(channel)
        done = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().create_task(self._open(done))
        return done

    async def _open(self, done: "asyncio.Future[None]") -> None:
        await self.gate.wait()
        done.set_result(None)

    def unsubscribe(self, channel: str) -> None:
        self.calls.append(("unsubscribe", channel))
        super().unsubscribe(channel)


@pytest.fixture
async def relayed():
    broker = CountingBroker()
    hub = Hub(broker)
    relay = Relay(hub, broker, timeout=1.0)
    relay.start()
    yield hub, broker, relay
    await relay.stop()


async def test_concurrent_first_joins_subscribe_once_and_all_get_in(relayed):
    hub, broker, relay = relayed
    broker.gate.clear()
    subscribers = [Recorder() for _ in range(5)]
    joins = [asyncio.create_task(relay.join(TOPIC, s)) for s in subscribers]
    await asyncio.sleep(0.01)
    assert broker.calls == [("subscribe", TOPIC)]
    assert not hub.has_subscribers(TOPIC)  # nobody is in before the channel is live
    broker.gate.set()
    assert await asyncio.gather(*joins) == [(True, None)] * 5
    assert await relay.join(TOPIC, subscribers[0]) == (False, None)
    await hub.publish(TOPIC, bar(1))
    await broker.barrier()
    assert all(len(s.frames) == 1 for s in subscribers)  # one delivery each, through the broker


async def test_the_last_leaving_while_another_joins_keeps_the_channel(relayed):
    hub, broker, relay = relayed
    first, second = Recorder(), Recorder()
    await relay.join(TOPIC, first)
    broker.gate.clear()
    joining = asyncio.create_task(relay.join(TOPIC, second))
    await asyncio.sleep(0)
    hub.unsubscribe(TOPIC, first)  # the last subscriber leaves mid-join: the channel stays
    assert relay.held == {TOPIC}
    broker.gate.set()
    assert (await joining)[0] is True
    assert broker.calls == [("subscribe", TOPIC)]
    hub.unsubscribe(TOPIC, second)
    assert relay.held == frozenset() and broker.calls[-1] == ("unsubscribe", TOPIC)


async def test_a_join_that_fails_releases_the_channel(relayed):
    hub, broker, relay = relayed
    broker.gate.clear()
    joining = asyncio.create_task(relay.join(TOPIC, Recorder()))
    await asyncio.sleep(0)
    joining.cancel()  # e.g. the server stops mid-join
    with pytest.raises(asyncio.CancelledError):
        await joining
    assert relay.held == frozenset() and broker.calls == [("subscribe", TOPIC), ("unsubscribe", TOPIC)]
    assert not hub.has_subscribers(TOPIC)


async def test_snapshot_is_the_stored_last_bar_then_the_newest_delivered(relayed):
    hub, broker, relay = relayed
    await hub.publish(TOPIC, bar(1))  # nobody subscribed: only stored
    first = Recorder()
    joined, snapshot = await relay.join(TOPIC, first)
    assert joined and snapshot is not None and snapshot.key == (TOPIC, bar(1).time)
    await hub.publish(TOPIC, bar(2))
    await broker.barrier()
    _, snapshot = await relay.join(TOPIC, Recorder())
    assert snapshot is not None and snapshot.json == first.frames[-1]  # the live frame, not a re-read


async def test_a_released_topic_forgets_its_last_frame(relayed):
    hub, broker, relay = relayed
    subscriber = Recorder()
    await relay.join(TOPIC, subscriber)
    await hub.publish(TOPIC, bar(1))
    await broker.barrier()
    hub.unsubscribe(TOPIC, subscriber)
    assert hub.last_frame(TOPIC) is None  # bars published while released would not reach it


async def test_only_bars_delivered_without_the_broker_are_handed_to_its_history(relayed):
    """Published bars are in the broker's history from their publish on; the demo feed's
    (hub.publish_local, this worker's clients only) get there through the relay."""
    hub, broker, relay = relayed
    subscriber = Recorder()
    await relay.join(TOPIC, subscriber)
    await hub.publish(TOPIC, bar(1))
    await broker.barrier()
    await hub.publish_local(TOPIC, bar(2))
    assert len(subscriber.frames) == 2
    assert broker.kept == [(TOPIC, subscriber.frames[1])]
    assert await broker.history(TOPIC, 10) == subscriber.frames


def test_frame_of_accepts_only_valid_updates_of_the_channel():
    good = (
        b'{"type":"bars.update","topic":"bars:AAPL:1",'
        b'"payload":{"time":0,"open":1,"high":2,"low":0.5,"close":1,"volume":0}}'
    )
    frame = frame_of(TOPIC, good)
    assert frame is not None and frame.json is good and frame.key == (TOPIC, 0)
    assert frame_of("bars:MSFT:1", good) is None
    assert frame_of(TOPIC, b"{}") is None


def test_redact_url_masks_only_the_password():
    assert redact_url("redis://:s3cret@host:6379/0") == "redis://:***@host:6379/0"
    assert redact_url("rediss://user:s3cret@host/1") == "rediss://user:***@host/1"
    assert redact_url("redis://host:6379/0") == "redis://host:6379/0"
    assert redact_url("memory://") == "memory://"
