"""The hub: topic bookkeeping, watchers, the last frame per topic, and one encoding per publish."""

import pytest

import app.pubsub.hub
from app.pubsub.hub import Hub
from generated.models import Bar
from tests.server.fakes import Recorder

BAR = Bar(time=1_700_000_000_000, open=1.0, high=2.0, low=0.5, close=1.5, volume=7)


class Watcher:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def topic_opened(self, topic: str) -> None:
        self.events.append(("opened", topic))

    def topic_closed(self, topic: str) -> None:
        self.events.append(("closed", topic))


async def test_publish_encodes_once_and_hands_every_subscriber_the_same_bytes(monkeypatch):
    calls = []
    real_encode = app.pubsub.hub.encode

    def counting_encode(message):
        calls.append(message)
        return real_encode(message)

    monkeypatch.setattr(app.pubsub.hub, "encode", counting_encode)
    hub = Hub()
    subscribers = [Recorder() for _ in range(50)]
    for subscriber in subscribers:
        hub.subscribe("bars:AAPL:1", subscriber)
    await hub.publish("bars:AAPL:1", BAR)
    assert len(calls) == 1
    frame = subscribers[0].frames[0]
    assert all(s.frames == [frame] and s.frames[0] is frame for s in subscribers)
    assert subscribers[0].messages() == [{"type": "bars.update", "topic": "bars:AAPL:1", "payload": BAR.model_dump()}]


async def test_publish_reaches_only_that_topic_and_keeps_its_last_frame():
    hub = Hub()
    aapl, msft = Recorder(), Recorder()
    hub.subscribe("bars:AAPL:1", aapl)
    hub.subscribe("bars:MSFT:1", msft)
    assert hub.last_frame("bars:AAPL:1") is None
    await hub.publish("bars:AAPL:1", BAR)
    assert len(aapl.frames) == 1 and msft.frames == []
    assert hub.last_frame("bars:AAPL:1").json == aapl.frames[0]
    await hub.publish("bars:NOBODY:D", BAR)  # kept for a later subscriber's snapshot
    assert hub.last_frame("bars:NOBODY:D") is not None


async def test_last_frames_are_kept_for_the_most_recently_published_topics_only():
    hub = Hub(max_topics=2)
    for symbol in ("A", "B", "C", "B"):
        await hub.publish(f"bars:{symbol}:1", BAR)
    assert [hub.last_frame(f"bars:{s}:1") is not None for s in "ABC"] == [False, True, True]
    await hub.publish("bars:D:1", BAR)  # C is now the least recently published
    assert [hub.last_frame(f"bars:{s}:1") is not None for s in "BCD"] == [True, False, True]


async def test_publish_rejects_a_topic_that_is_not_a_topic():
    with pytest.raises(ValueError):
        await Hub().publish("quotes:AAPL", BAR)


def test_subscribe_twice_changes_nothing_and_watchers_see_first_and_last():
    hub, watcher = Hub(), Watcher()
    hub.add_watcher(watcher)
    one, two = Recorder(), Recorder()
    assert hub.subscribe("bars:A:1", one) is True
    assert hub.subscribe("bars:A:1", one) is False
    assert hub.subscribe("bars:A:1", two) is True
    assert watcher.events == [("opened", "bars:A:1")]
    assert hub.unsubscribe("bars:A:1", one) is True
    assert hub.unsubscribe("bars:A:1", one) is False
    assert hub.unsubscribe("bars:B:1", one) is False
    assert watcher.events == [("opened", "bars:A:1")]
    assert hub.unsubscribe("bars:A:1", two) is True
    assert watcher.events == [("opened", "bars:A:1"), ("closed", "bars:A:1")]
    assert hub.topic_count == 0


def test_remove_all_drops_every_subscription_of_one_subscriber():
    hub, watcher = Hub(), Watcher()
    hub.add_watcher(watcher)
    leaving, staying = Recorder(), Recorder()
    for topic in ("bars:A:1", "bars:A:D", "bars:B:5"):
        hub.subscribe(topic, leaving)
    hub.subscribe("bars:A:1", staying)
    hub.remove_all(leaving)
    assert hub.topic_count == 1
    assert sorted(watcher.events[3:]) == [("closed", "bars:A:D"), ("closed", "bars:B:5")]
    hub.remove_all(leaving)  # twice is harmless
    assert hub.topic_count == 1
