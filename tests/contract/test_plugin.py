"""The contract checker itself: it must catch what breaks the spec and pass what keeps it."""

from tests.contract.plugin import FrameLog

GOOD_UPDATE = (
    '{"type":"bars.update","topic":"bars:AAPL:1","epoch":"e1","seq":1,'
    '"payload":{"time":1,"open":1.0,"high":2.0,"low":0.5,"close":1.5,"volume":3}}'
)


def test_valid_frames_pass_and_are_counted() -> None:
    log = FrameLog()
    log.check(GOOD_UPDATE, "server")
    log.check('{"type":"ping"}', "client")
    assert log.violations == [] and log.checked == 2


def test_frames_that_break_the_spec_are_reported() -> None:
    bad = [
        ('{"type":"bars.update","topic":"bars:AAPL:1","payload":{"time":1}}', "server", "'epoch' is a required"),
        ('{"type":"bars.update","topic":"bars:AAPL:1","epoch":"e","seq":1,"payload":{"time":1}}', "server",
         "'open' is a required"),
        ('{"type":"surprise"}', "server", "no message of the spec has type 'surprise'"),
        ('{"type":"ping"}', "server", "not sent by the server"),
        ("not json", "client", "not JSON"),
        (b"\x00binary", "server", "binary frame"),
    ]
    for data, direction, expected in bad:
        log = FrameLog()
        log.check(data, direction)  # type: ignore[arg-type]
        assert log.violations and expected in log.violations[0], (data, log.violations)


def test_bad_input_tests_may_send_anything_but_receive_only_valid_frames() -> None:
    log = FrameLog(check_sent=False)
    log.check("not json", "client")
    assert log.violations == []
    log.check('{"type":"pong","extra":1}', "server")  # extra fields are allowed by the spec
    assert log.violations == []
    log.check('{"type":"pong!"}', "server")
    assert log.violations
