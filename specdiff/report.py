"""Render findings for a human: grouped by kind, breaking first, then the verdict."""

from collections.abc import Sequence

from specdiff.findings import Finding
from specdiff.rules import KINDS
from specdiff.version import Verdict

_TITLES = {"breaking": "BREAKING", "additive": "additive", "other": "other"}


def render(findings: Sequence[Finding], verdict: Verdict, old_label: str, new_label: str,
           empty: str = "no API changes") -> str:
    lines = [f"specdiff: {old_label} -> {new_label}"]
    if not findings:
        lines.append(empty)
    for kind in KINDS:
        group = [f for f in findings if f.kind == kind]
        if group:
            lines.append(f"{_TITLES[kind]} ({len(group)}):")
            lines.extend(line for f in group for line in _finding(f))
    lines.append(f"verdict: {verdict.line}")
    return "\n".join(lines)


def _finding(finding: Finding) -> list[str]:
    return [f"  - [{finding.rule}] {finding.message}", f"      at {finding.pointer}"]
