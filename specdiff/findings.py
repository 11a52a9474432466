"""Findings, and the collector that gives each its kind and merges repeats.

A shared component (say `Symbol`) is reached from several messages; the same change must be
reported once, naming every message it affects, not once per message (the noise
@asyncapi/diff makes, reporting each change two or three times).
"""

from dataclasses import dataclass, field

from specdiff.rules import RULES, Kind


@dataclass(frozen=True)
class Finding:
    kind: Kind
    rule: str
    pointer: str  # into the working copy; into the base for something removed
    message: str


@dataclass
class Collector:
    _subjects: dict[tuple[Kind, str, str, str], list[str]] = field(default_factory=dict)

    def add(
        self,
        rule: str,
        pointer: str,
        text: str,
        direction: str | None = None,
        subject: str | None = None,
    ) -> None:
        """Record one change; `subject` names what it affects (a message, an error code)."""
        key = (RULES[rule].kind(direction), rule, pointer, text)
        subjects = self._subjects.setdefault(key, [])
        if subject is not None and subject not in subjects:
            subjects.append(subject)

    def findings(self) -> list[Finding]:
        return [
            Finding(kind, rule, pointer, f"{', '.join(subjects)}: {text}" if subjects else text)
            for (kind, rule, pointer, text), subjects in self._subjects.items()
        ]
