"""A topic's stream: sequence numbers, what each kind of family keeps, and when a client's
position can be served exactly. The Redis script follows the same rules (tests/redis/test_streams.py)."""

import pytest

from app.pubsub.topic_log import KeepRule, TopicLog
from app.transport.framing import out_frame

KEYED = KeepRule(capacity=3, keyed=True, replace_all=False)
WHOLE_STATE = KeepRule(capacity=3, keyed=False, replace_all=True)
STREAM = KeepRule(capacity=3, keyed=False, replace_all=False)


def publish(log: TopicLog, key: int | None = None) -> int:
    seq = log.next_seq()
    if log.accepts(key):
        log.keep(seq, key, out_frame(b'{"seq":%d}' % seq))
    return seq


def kept(log: TopicLog) -> list[tuple[int, int | None]]:
    return [(entry.seq, entry.key) for entry in log.entries]


def test_a_keyed_family_keeps_the_newest_state_of_each_key_with_keys_rising():
    log = TopicLog(KEYED)
    for key in (10, 10, 20, 15, 20, 30):  # 15 is older than the newest kept key: delivered, not kept
        publish(log, key)
    assert log.seq == 6
    assert kept(log) == [(2, 10), (5, 20), (6, 30)]
    assert log.trimmed == 0  # replaced states are superseded, not lost


def test_past_capacity_the_oldest_are_dropped_and_trimmed_says_up_to_where():
    log = TopicLog(KEYED)
    for key in (10, 20, 30, 40, 50):
        publish(log, key)
    assert kept(log) == [(3, 30), (4, 40), (5, 50)]
    assert log.trimmed == 2
    assert not log.recoverable(1, log.epoch)
    assert log.recoverable(2, log.epoch) and [f.json for f in log.after(2)] == [
        b'{"seq":3}',
        b'{"seq":4}',
        b'{"seq":5}',
    ]
    assert log.recoverable(5, log.epoch) and log.after(5) == []


def test_a_whole_state_family_keeps_only_its_newest_message_and_can_always_catch_up():
    log = TopicLog(WHOLE_STATE)
    for _ in range(5):
        publish(log)
    assert kept(log) == [(5, None)]
    assert log.recoverable(0, log.epoch) and [f.json for f in log.after(0)] == [b'{"seq":5}']


def test_a_stream_keeps_every_message_and_gaps_are_exactly_its_trimmed_part():
    log = TopicLog(STREAM)
    for _ in range(5):
        publish(log)
    assert kept(log) == [(3, None), (4, None), (5, None)]
    assert [log.recoverable(s, log.epoch) for s in range(6)] == [False, False, True, True, True, True]


@pytest.mark.parametrize("since", [-1, 7])
def test_a_position_outside_the_stream_is_not_recoverable(since):
    log = TopicLog(STREAM)
    for _ in range(5):
        publish(log)
    assert not log.recoverable(since, log.epoch)


def test_another_epoch_is_never_recoverable_and_every_log_starts_its_own():
    first, second = TopicLog(STREAM), TopicLog(STREAM)
    assert first.epoch != second.epoch
    assert first.recoverable(0, first.epoch) and not first.recoverable(0, second.epoch)


def test_pages_end_by_key_for_a_keyed_family_and_by_seq_otherwise():
    keyed = TopicLog(KeepRule(capacity=10, keyed=True, replace_all=False))
    for key in (100, 200, 300, 400):
        publish(keyed, key)
    assert [f.json for f in keyed.page(2, end=400)] == [b'{"seq":2}', b'{"seq":3}']
    assert [f.json for f in keyed.page(10, end=101)] == [b'{"seq":1}']
    assert keyed.page(10, end=100) == []
    assert [f.json for f in keyed.page(1, end=None)] == [b'{"seq":4}']
    stream = TopicLog(KeepRule(capacity=10, keyed=False, replace_all=False))
    for _ in range(4):
        publish(stream)
    assert [f.json for f in stream.page(2, end=4)] == [b'{"seq":2}', b'{"seq":3}']
