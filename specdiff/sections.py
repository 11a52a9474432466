"""Spec sections outside message payloads: servers, channels and operations, channel
families (x-topics: templates, messages and policy), close codes (x-close-codes) and
connection timing."""

from collections.abc import Mapping
from typing import Any

from specdiff.findings import Collector
from specdiff.loader import Doc, join
from specdiff.rules import DIRECTIONS

_SERVER_KEYS = ("url", "protocol", "protocolVersion", "variables")
_TOPIC_BINDINGS = ("subscribe", "unsubscribe", "update")
# How the server carries a family, with the value an absent key means (None: no value at all).
_TOPIC_POLICY: dict[str, Any] = {"delivery": "latest", "key": None, "first": "none", "snapshot": None,
                                 "history": 0, "access": "public"}


def _mapping(doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = doc.get(key)
    return value if isinstance(value, dict) else {}


def _keyed(old: Mapping[str, Any], new: Mapping[str, Any], pointer: str, what: str,
           out: Collector) -> list[str]:
    """Report `what`-removed / `what`-added for keys of two mappings; return the common keys."""
    for key in old:
        if key not in new:
            out.add(f"{what}-removed", join(pointer, key), f"{what} `{key}` removed")
    for key in new:
        if key not in old:
            out.add(f"{what}-added", join(pointer, key), f"{what} `{key}` added")
    return [key for key in new if key in old]


def compare_servers(old: Doc, new: Doc, out: Collector) -> None:
    before, after = _mapping(old, "servers"), _mapping(new, "servers")
    for name in _keyed(before, after, "#/servers", "server", out):
        for key in _SERVER_KEYS:
            if before[name].get(key) != after[name].get(key):
                out.add("server-changed", join("#/servers", name, key),
                        f"server `{name}` {key} {before[name].get(key)!r} -> {after[name].get(key)!r}")


def compare_channels(old: Doc, new: Doc, out: Collector) -> None:
    before, after = _mapping(old, "channels"), _mapping(new, "channels")
    for channel in _keyed(before, after, "#/channels", "channel", out):
        pointer = join("#/channels", channel)
        if before[channel].get("bindings") != after[channel].get("bindings"):
            out.add("channel-bindings-changed", join(pointer, "bindings"), f"channel `{channel}` bindings changed")
        for verb in DIRECTIONS:
            _compare_operation(before[channel].get(verb), after[channel].get(verb), join(pointer, verb), out)


def _compare_operation(old: Any, new: Any, pointer: str, out: Collector) -> None:
    if old is not None and new is None:
        out.add("operation-removed", pointer, f"operation `{old.get('operationId', pointer)}` removed")
    elif old is None and new is not None:
        out.add("operation-added", pointer, f"operation `{new.get('operationId', pointer)}` added")
    elif old is not None and old.get("operationId") != new.get("operationId"):
        out.add("operation-id-changed", join(pointer, "operationId"),
                f"operationId {old.get('operationId')!r} -> {new.get('operationId')!r}")


def compare_topics(old: Doc, new: Doc, out: Collector) -> None:
    before, after = _mapping(old, "x-topics"), _mapping(new, "x-topics")
    for topic in _keyed(before, after, "#/x-topics", "topic", out):
        was, now, pointer = before[topic], after[topic], join("#/x-topics", topic)
        if was.get("template") != now.get("template"):
            out.add("topic-template-changed", join(pointer, "template"),
                    f"template {was.get('template')!r} -> {now.get('template')!r}", subject=topic)
        _compare_parameters(topic, _mapping(was, "parameters"), _mapping(now, "parameters"),
                            join(pointer, "parameters"), out)
        for key in _TOPIC_BINDINGS:
            if was.get(key) != now.get(key):
                out.add("topic-binding-changed", join(pointer, key),
                        f"{key} message {was.get(key)!r} -> {now.get(key)!r}", subject=topic)
        _compare_policy(topic, was, now, pointer, out)


def _compare_policy(topic: str, was: Mapping[str, Any], now: Mapping[str, Any], pointer: str,
                    out: Collector) -> None:
    """A key written out with its default value is the same as the key left out."""
    for key, default in _TOPIC_POLICY.items():
        old, new = _or(was.get(key), default), _or(now.get(key), default)
        if old != new:
            rule = "topic-history-changed" if key == "history" else "topic-policy-changed"
            out.add(rule, join(pointer, key), f"{key} {_shown(old)} -> {_shown(new)}", subject=topic)


def _or(value: Any, default: Any) -> Any:
    return default if value is None else value


def _shown(value: Any) -> str:
    return "absent" if value is None else repr(value)


def _compare_parameters(topic: str, old: Mapping[str, Any], new: Mapping[str, Any], pointer: str,
                        out: Collector) -> None:
    """Any change to which frame field fills which placeholder changes the topic names."""
    for name in dict.fromkeys([*old, *new]):
        if old.get(name) != new.get(name):
            out.add("topic-parameters-changed", join(pointer, name),
                    f"parameter `{name}` {old.get(name)!r} -> {new.get(name)!r}", subject=topic)


def _close_conditions(doc: Doc) -> dict[str, tuple[Any, Any, str]]:
    """Condition -> (close code, reason, pointer of its entry).

    A condition is an error code the server sends before closing; an entry with no error codes
    (a plain shutdown) is its own condition, named by its close code.
    """
    conditions: dict[str, tuple[Any, Any, str]] = {}
    entries = doc.get("x-close-codes")
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        keys = [f"error `{e}`" for e in entry.get("errors") or []] or [f"close code {entry.get('code')}"]
        for key in keys:
            conditions[key] = (entry.get("code"), entry.get("reason"), join("#/x-close-codes", index))
    return conditions


def compare_close_codes(old: Doc, new: Doc, out: Collector) -> None:
    before, after = _close_conditions(old), _close_conditions(new)
    closes = {(code, reason) for code, reason, _ in after.values()}
    for key, (code, reason, pointer) in before.items():
        if key not in after and key.startswith("close code") and (code, reason) in closes:
            continue  # the same close, now naming the error codes sent before it (added below)
        if key not in after:
            out.add("close-code-removed", pointer, f"close {code} {reason!r} removed", subject=key)
            continue
        new_code, new_reason, new_pointer = after[key]
        if code != new_code:
            out.add("close-code-changed", join(new_pointer, "code"), f"close code {code} -> {new_code}", subject=key)
        if reason != new_reason:
            out.add("close-reason-changed", join(new_pointer, "reason"),
                    f"close reason {reason!r} -> {new_reason!r}", subject=key)
    for key, (code, reason, pointer) in after.items():
        if key not in before:
            out.add("close-code-added", pointer, f"close {code} {reason!r} added", subject=key)


def compare_connection(old: Doc, new: Doc, out: Collector) -> None:
    """Heartbeat: clients must send within the interval, so a shorter one times them out.
    No interval means none is enforced (infinitely long)."""
    inf = float("inf")
    beat_old, beat_new = old.get("x-heartbeat-interval", inf), new.get("x-heartbeat-interval", inf)
    where = "#/x-heartbeat-interval"
    if not all(isinstance(v, int | float) for v in (beat_old, beat_new)):
        if beat_old != beat_new:  # not a number: cannot order it, so assume the worst
            out.add("heartbeat-lowered", where, f"heartbeat interval {beat_old!r} -> {beat_new!r}")
    elif beat_new < beat_old:
        out.add("heartbeat-lowered", where, f"heartbeat interval {beat_old} -> {beat_new} s")
    elif beat_new > beat_old:
        out.add("heartbeat-raised", where, f"heartbeat interval {beat_old} -> {beat_new} s")
    life_old, life_new = old.get("x-connection-lifespan"), new.get("x-connection-lifespan")
    if life_old != life_new:
        out.add("lifespan-changed", "#/x-connection-lifespan", f"connection lifespan {life_old} -> {life_new} s")
