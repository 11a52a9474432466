"""WS_VALIDATE_OUTGOING: the server checks its own frames against the spec and says what broke."""

import logging

import pytest

from app.contract import OutgoingCheck
from app.main import create_app
from app.settings import Settings
from app.transport.framing import check_outgoing, out_frame


def test_a_frame_breaking_the_spec_is_logged_with_message_and_rule(caplog: pytest.LogCaptureFixture) -> None:
    check = OutgoingCheck()
    with caplog.at_level(logging.ERROR, logger="app.contract"):
        check(
            b'{"type":"bars.update","topic":"bars:AAPL:1","epoch":"e1","seq":1,'
            b'"payload":{"time":1,"open":1,"high":1,"low":1,"close":1}}'
        )
        check(b'{"type":"pong"}')
    assert check.violations == 1
    [record] = caplog.records
    assert "bars.update" in record.getMessage() and "'volume' is a required property" in record.getMessage()


def test_the_switch_is_off_by_default_and_on_when_set(caplog: pytest.LogCaptureFixture) -> None:
    try:
        create_app(Settings())
        with caplog.at_level(logging.ERROR, logger="app.contract"):
            out_frame(b'{"type":"nonsense"}')
        assert caplog.records == []
        create_app(Settings(validate_outgoing=True))
        with caplog.at_level(logging.ERROR, logger="app.contract"):
            out_frame(b'{"type":"nonsense"}')
        assert "no message of the spec has type 'nonsense'" in caplog.records[0].getMessage()
    finally:
        check_outgoing(None)
