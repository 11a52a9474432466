"""The version rule: a breaking change passes only with a raised major info.version."""

import pytest

from specdiff.findings import Finding
from specdiff.version import judge, parse

BREAKING = Finding("breaking", "field-removed", "#/x", "m: /payload/x: field removed")
ADDITIVE = Finding("additive", "field-added-optional", "#/y", "m: /payload/y: field added")
OTHER = Finding("other", "lifespan-changed", "#/x-connection-lifespan", "connection lifespan 1 -> 2 s")


def test_breaking_with_major_bump_passes() -> None:
    verdict = judge([BREAKING, ADDITIVE], "1.4.2", "2.0.0")
    assert verdict.passed
    assert verdict.line == "OK: 1 breaking change(s) accepted because the major version was raised (1.4.2 -> 2.0.0)"


def test_breaking_without_major_bump_fails() -> None:
    verdict = judge([BREAKING], "1.4.2", "1.5.0")
    assert not verdict.passed
    assert "raise it to 2.0.0" in verdict.line


def test_major_is_compared_as_a_number() -> None:
    assert judge([BREAKING], "9.1.0", "10.0.0").passed


def test_lowered_major_does_not_accept_breaking_changes() -> None:
    assert not judge([BREAKING], "2.0.0", "1.9.0").passed


@pytest.mark.parametrize(("old", "new"), [("1.0", "2.0"), ("1.0.0", "v2.0.0"), ("", "2.0.0")])
def test_unparsable_version_never_accepts_breaking_changes(old: str, new: str) -> None:
    verdict = judge([BREAKING], old, new)
    assert not verdict.passed
    assert "MAJOR.MINOR.PATCH" in verdict.line


def test_additive_without_bump_passes_and_recommends_a_minor_bump() -> None:
    verdict = judge([ADDITIVE], "1.4.2", "1.4.2")
    assert verdict.passed
    assert verdict.line == "OK: additive changes only; recommend a minor bump (1.4.2 -> 1.5.0)"


def test_additive_with_bump_passes_without_recommendation() -> None:
    verdict = judge([ADDITIVE], "1.4.2", "1.5.0")
    assert verdict.passed
    assert "recommend" not in verdict.line


@pytest.mark.parametrize("found", [[], [OTHER]])
def test_no_breaking_or_additive_change_passes(found: list[Finding]) -> None:
    assert judge(found, "1.0.0", "1.0.0").passed


def test_semver_parse() -> None:
    assert parse("1.2.3") == (1, 2, 3)
    assert parse("2.0.0-rc.1+build.5") == (2, 0, 0)
    assert parse("1.2") is None
