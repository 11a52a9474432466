"""The spec's channel families at run time: which family a topic belongs to, and how its messages
are kept and conflated. Everything here reads the generated family table; nothing names a family.
"""

from typing import Any

from app.pubsub.topic_log import KeepRule
from app.transport.framing import ConflationKey
from generated.families import FAMILIES, Family, family_of, source_of


class InvalidTopic(ValueError):
    """A name that is no topic of any family; the message says why, for the client."""


def resolve(topic: str) -> tuple[Family, dict[str, str]]:
    """The family of `topic` and its parameters, or InvalidTopic."""
    family = family_of(topic)
    if family is None:
        known = ", ".join(sorted(FAMILIES))
        raise InvalidTopic(f"{topic[:80]!r} names no channel family (known: {known})")
    params = family.parse(topic)
    if params is None:
        raise InvalidTopic(f"{topic[:80]!r} is not a topic of the {family.name} family ({family.template})")
    return family, params


def resolve_source(topic: str) -> tuple[Family, dict[str, str]] | None:
    """The derived family whose source `topic` is (`orderbook:AAPL`), with its parameters."""
    return source_of(topic)


def resolve_any(topic: str) -> tuple[Family, dict[str, str], bool]:
    """The family of a topic or of a source topic, its parameters, and whether it is a source;
    InvalidTopic when it is neither."""
    found = source_of(topic)
    if found is not None:
        return found[0], found[1], True
    family, params = resolve(topic)
    return family, params, False


class Rules:
    """How each family's topics keep their messages; `history_size` (WS_HISTORY_SIZE), when set,
    replaces every family's declared `history`."""

    def __init__(self, history_size: int | None = None) -> None:
        self._history_size = history_size
        self._rules = {name: self._rule(family) for name, family in FAMILIES.items()}
        for family in FAMILIES.values():
            if family.first == "snapshot" and family.source is None:  # only derived families have one
                raise RuntimeError(
                    f"the {family.name} family's subscribers get a {family.snapshot} first, and this version of "
                    "the engine builds snapshots for derived families (with a `source`) only"
                )

    def capacity(self, family: Family) -> int:
        history = family.history if self._history_size is None else self._history_size
        # A family whose subscribers get the last message first keeps at least that one.
        return max(history, 1) if family.first == "last" else history

    def _rule(self, family: Family) -> KeepRule:
        keyed = bool(family.key)
        return KeepRule(self.capacity(family), keyed, replace_all=family.delivery == "latest" and not keyed)

    def of(self, family: Family) -> KeepRule:
        return self._rules[family.name]

    def of_topic(self, topic: str) -> KeepRule:
        """The rule of a topic, or of a source topic (whose stream numbers changes, keeping none
        here: the book is the state)."""
        family, _, is_source = resolve_any(topic)
        return KeepRule(0, keyed=False, replace_all=False) if is_source else self.of(family)


def conflation_key(family: Family, topic: str, key: int | None) -> ConflationKey | None:
    """What a newer frame of a lagging client may replace: a `latest` family's newer state of
    the same key, a `snapshot` family's everything of the topic (app/transport/backlog.py); a
    `stream` family's nothing."""
    return None if family.delivery == "stream" else (topic, key)


def key_in_frame(family: Family, frame: Any) -> int | None:
    """The state key of a parsed update frame (its payload at the family's key path)."""
    value = frame.get("payload") if isinstance(frame, dict) else None
    for name in family.key:
        value = value.get(name) if isinstance(value, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None
