"""Publishing in one process: numbered, framed once, checked first, refused while stopping."""

import orjson
import pytest

import app.pubsub.publisher
from app.pubsub.families import InvalidTopic
from app.pubsub.publisher import Draining
from generated.models import Bar
from tests.pubsub.helpers import TOPIC, bar, local_engine, seqs
from tests.server.fakes import Recorder


async def test_each_message_is_numbered_serialized_once_and_shared_by_every_subscriber(monkeypatch):
    calls = []
    real = app.pubsub.publisher.payload_json
    monkeypatch.setattr(app.pubsub.publisher, "payload_json", lambda model: calls.append(model) or real(model))
    hub, engine = local_engine()
    subscribers = [Recorder() for _ in range(50)]
    for subscriber in subscribers:
        hub.subscribe(TOPIC, subscriber)
    position = await engine.publisher.publish(TOPIC, [bar(1), bar(2)])
    assert len(calls) == 2
    assert all(s.frames[0] is subscribers[0].frames[0] for s in subscribers)
    first, second = subscribers[0].messages()
    assert first == {
        "type": "bars.update",
        "topic": TOPIC,
        "epoch": position.epoch,
        "seq": 1,
        "payload": bar(1).model_dump(),
    }
    assert (second["seq"], position.seq) == (2, 2)


async def test_payloads_may_be_models_or_mappings_and_are_checked_before_anything_is_published():
    hub, engine = local_engine()
    recorder = Recorder()
    hub.subscribe(TOPIC, recorder)
    await engine.publisher.publish(TOPIC, [bar(1).model_dump()])
    broken = {**bar(2).model_dump(), "high": 0.1}  # below open and close
    with pytest.raises(ValueError, match=r"high 0\.1 is below"):
        await engine.publisher.publish(TOPIC, [bar(3), broken])
    with pytest.raises(ValueError):
        await engine.publisher.publish(TOPIC, [{"time": "soon"}])
    assert seqs(recorder.frames) == [1]


@pytest.mark.parametrize("topic", ["candles:AAPL", "bars:AAPL:7", "orderbook:AAPL:7", "bars:AA PL:1", "bars"])
async def test_a_name_that_is_no_topic_is_refused(topic):
    _, engine = local_engine()
    with pytest.raises(InvalidTopic):
        await engine.publisher.publish(topic, [bar(1)])


async def test_archived_messages_are_kept_numbered_and_sent_to_nobody():
    hub, engine = local_engine()
    recorder = Recorder()
    hub.subscribe(TOPIC, recorder)
    engine.publisher.archive(TOPIC, [bar(1), bar(2)])
    engine.publisher.archive(TOPIC, [bar(1)])  # older than the newest kept: not kept, not numbered
    position = await engine.publisher.publish(TOPIC, [bar(3)])
    assert seqs(recorder.frames) == [3] and position.seq == 3
    assert seqs(await engine.history.page(engine_family(), TOPIC, 10, None)) == [1, 2, 3]


async def test_only_streams_nobody_holds_are_evicted_and_an_evicted_one_starts_a_new_epoch():
    hub, engine = local_engine(history_topics=2)
    hub.subscribe(TOPIC, Recorder())
    held = await engine.publisher.publish(TOPIC, [bar(1)])
    idle = await engine.publisher.publish("bars:IDLE:1", [bar(1)])
    for symbol in ("B", "C"):  # two more topics push the idle one out, never the held one
        await engine.publisher.publish(f"bars:{symbol}:1", [bar(1)])
    assert (await engine.publisher.publish(TOPIC, [bar(2)])) == (2, held.epoch)
    again = await engine.publisher.publish("bars:IDLE:1", [bar(2)])
    assert again.epoch != idle.epoch and again.seq == 1


async def test_a_draining_publisher_refuses_everything():
    _, engine = local_engine()
    engine.publisher.drain()
    with pytest.raises(Draining):
        await engine.publisher.publish(TOPIC, [bar(1)])


def engine_family():
    from generated.families import BARS

    return BARS


def test_frames_are_laid_out_exactly_as_the_redis_script_lays_them_out():
    from app.pubsub.encoding import payload_json, update_json

    payload = Bar(time=1, open=1.0, high=1.0, low=1.0, close=1.0, volume=1)
    frame = update_json("bars.update", TOPIC, "ab12", 7, payload_json(payload))
    assert (
        frame
        == b'{"type":"bars.update","topic":"bars:AAPL:1","epoch":"ab12","seq":7,"payload":'
        + payload_json(payload)
        + b"}"
    )
    assert orjson.loads(frame)["payload"] == payload.model_dump()
