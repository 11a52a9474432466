"""The hub: topic bookkeeping, watchers (whose failures stay theirs), one frame for every subscriber."""

from app.pubsub.hub import Hub
from app.stats import Stats
from app.transport.framing import out_frame
from tests.server.fakes import Recorder


class Watcher:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def topic_opened(self, topic: str) -> None:
        self.events.append(("opened", topic))

    def topic_closed(self, topic: str) -> None:
        self.events.append(("closed", topic))


class BrokenWatcher:
    def topic_opened(self, topic: str) -> None:
        raise ValueError(f"cannot watch {topic}")

    def topic_closed(self, topic: str) -> None:
        raise ValueError(f"cannot unwatch {topic}")


def test_deliver_hands_every_subscriber_of_the_topic_the_same_bytes_and_counts_once():
    stats = Stats()
    hub = Hub(stats)
    subscribers = [Recorder() for _ in range(50)]
    for subscriber in subscribers:
        hub.subscribe("bars:AAPL:1", subscriber)
    other = Recorder()
    hub.subscribe("bars:MSFT:1", other)
    frame = out_frame(b'{"type":"bars.update"}', kind="bars.update")
    hub.deliver("bars:AAPL:1", frame)
    assert all(s.frames == [frame.json] and s.frames[0] is frame.json for s in subscribers)
    assert other.frames == []
    assert stats.messages_out == {"bars.update": 50}
    hub.deliver("bars:NOBODY:1", frame)  # nobody holds it: nothing happens
    assert stats.messages_out == {"bars.update": 50}


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


def test_a_failing_watcher_neither_stops_the_others_nor_leaves_a_subscription_half_done(caplog):
    hub, watcher = Hub(), Watcher()
    hub.add_watcher(BrokenWatcher())
    hub.add_watcher(watcher)
    subscriber = Recorder()
    assert hub.subscribe("quotes:AAPL", subscriber) is True
    assert hub.holds("quotes:AAPL", subscriber)
    hub.remove_all(subscriber)
    assert hub.topic_count == 0 and hub.held_by(subscriber) == 0
    assert watcher.events == [("opened", "quotes:AAPL"), ("closed", "quotes:AAPL")]
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "BrokenWatcher failed as topic quotes:AAPL opened",
        "BrokenWatcher failed as topic quotes:AAPL closed",
    ]


def test_subscriptions_are_counted_by_family():
    hub = Hub()
    for topic, count in (("bars:A:1", 2), ("bars:B:D", 1), ("quotes:A", 3), ("orders#alice", 1)):
        for _ in range(count):
            hub.subscribe(topic, Recorder())
    assert hub.subscriptions_by_family() == {"bars": 3, "quotes": 3, "orders": 1}
