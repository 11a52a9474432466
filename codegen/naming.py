"""Identifier rules, fixed once when the IR is built so templates never rename anything."""

import keyword
import re

_WORDS = re.compile(r"[A-Za-z][a-z0-9]*|[0-9]+")
_TS_RESERVED = frozenset(
    "break case catch class const continue debugger default delete do else enum export extends "
    "false finally for function if import in instanceof new null return super switch this throw "
    "true try typeof var void while with as implements interface let package private protected "
    "public static yield".split()
)


def words(name: str) -> list[str]:
    """Split 'bars.subscribe', 'BarsSubscribe' or 'bars_subscribe' into lower-case words."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    return [w.lower() for w in _WORDS.findall(spaced)]


def class_name(name: str) -> str:
    """'bars.subscribe' -> 'BarsSubscribe'."""
    return "".join(w.capitalize() for w in words(name)) or "Unnamed"


def snake_name(name: str) -> str:
    """'bars.subscribe' -> 'bars_subscribe', never a Python keyword."""
    result = "_".join(words(name)) or "unnamed"
    if result[0].isdigit():
        result = "n_" + result
    return result + "_" if keyword.iskeyword(result) else result


def camel_name(name: str) -> str:
    """'bars.subscribe' -> 'barsSubscribe', never a TypeScript reserved word."""
    parts = words(name) or ["unnamed"]
    result = parts[0] + "".join(w.capitalize() for w in parts[1:])
    if result[0].isdigit():
        result = "n" + result
    return result + "_" if result in _TS_RESERVED else result


def upper_snake_name(name: str) -> str:
    """'bars.subscribe' -> 'BARS_SUBSCRIBE'."""
    return snake_name(name).rstrip("_").upper()


def is_python_identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


def is_ts_identifier(name: str) -> bool:
    return re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", name) is not None


def ts_check_name(name: str) -> str:
    """'Symbol' -> 'checkSymbol': the TS client's runtime check of a definition."""
    return "check" + name


def kebab_name(name: str) -> str:
    """'urn:trading-ws' -> 'urn-trading-ws': npm package names and the like."""
    return "-".join(words(name)) or "unnamed"
