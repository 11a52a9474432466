"""The gate's verdict: breaking changes pass only with a raised major `info.version`.

`info.version` is the API's semantic version, `MAJOR.MINOR.PATCH` (a pre-release or build
suffix is allowed and ignored). A version that does not parse can never justify a breaking
change. 0.x versions get no special treatment: the major must still be raised.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from specdiff.findings import Finding
from specdiff.loader import Doc

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$")


@dataclass(frozen=True)
class Verdict:
    passed: bool
    line: str


def api_version(doc: Doc) -> str:
    info: Any = doc.get("info")
    return str(info.get("version", "")) if isinstance(info, dict) else ""


def parse(version: str) -> tuple[int, int, int] | None:
    match = _SEMVER.match(version.strip())
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def judge(findings: Sequence[Finding], old_version: str, new_version: str) -> Verdict:
    breaking = sum(f.kind == "breaking" for f in findings)
    additive = sum(f.kind == "additive" for f in findings)
    old, new = parse(old_version), parse(new_version)
    versions = f"{old_version or '?'} -> {new_version or '?'}"
    if breaking:
        if old is not None and new is not None and new[0] > old[0]:
            return Verdict(True, f"OK: {breaking} breaking change(s) accepted because the major "
                                 f"version was raised ({versions})")
        return Verdict(False, f"FAIL: {breaking} breaking change(s) but the major version of "
                              f"info.version was not raised ({versions}){_unparsed(old, new)}; "
                              f"raise it to {_next_major(old)} or undo them")
    if additive:
        if old is not None and new is not None and new <= old:
            return Verdict(True, f"OK: additive changes only; recommend a minor bump "
                                 f"({old_version} -> {old[0]}.{old[1] + 1}.0)")
        return Verdict(True, f"OK: additive changes only ({versions})")
    return Verdict(True, "OK: no breaking or additive changes")


def _unparsed(old: tuple[int, int, int] | None, new: tuple[int, int, int] | None) -> str:
    return "" if old and new else "; info.version must be MAJOR.MINOR.PATCH in both documents"


def _next_major(old: tuple[int, int, int] | None) -> str:
    return f"{old[0] + 1}.0.0" if old else "a higher MAJOR.0.0"
