"""Render the IR into an in-memory file set: {relative path: text}. Nothing is written here."""

import ast
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2

from .ir import Api
from .tsbuild import compile_ts

TEMPLATES = Path(__file__).parent / "templates"
STATIC = TEMPLATES / "static"


def header_lines(api: Api, body: str) -> tuple[str, str]:
    """The header of a file whose content below the header is `body`. It carries the sha256 of
    that body, not of the whole spec, so a spec edit changes only the files whose content it
    changes, and a hand edit shows as a body that no longer matches its own stamp."""
    return (
        f"DO NOT EDIT: generated from {api.source} by `make generate`.",
        f"body-sha256: {_sha256(body)}  generator: codegen {api.generator_version}",
    )


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def comment_style(path: str) -> str | None:
    """How a header is written in this file: "#", "//", or "<!--" (each line an HTML comment);
    None for package.json, which has no comments (its header is its "//" field, the key npm
    leaves to comments)."""
    if path.endswith(".py"):
        return "#"
    if path.endswith((".ts", ".js")) or path.endswith("tsconfig.json"):  # tsconfig.json allows comments
        return "//"
    if path.endswith(".md"):
        return "<!--"
    if path.endswith("package.json"):
        return None
    raise ValueError(f"{path}: no way to stamp this kind of file")


# package.json's header: its "//" member, the first one, on a line of its own.
JSON_HEADER = re.compile(r'^  "//": .*\n', re.M)
DIGEST = re.compile(r"body-sha256: ([0-9a-f]{64})  generator: ")


def stamp(api: Api, path: str, body: str) -> str:
    """`body` with its header on top (in package.json, as the first member of the object)."""
    lines = header_lines(api, body)
    style = comment_style(path)
    if style is None:
        opening, rest = body.split("\n", 1)  # "{"
        return f'{opening}\n  "//": {json.dumps(" ".join(lines))},\n{rest}'
    close = " -->" if style == "<!--" else ""
    return "".join(f"{style} {line}{close}\n" for line in lines) + body


def split_stamp(path: str, text: str) -> tuple[str | None, str]:
    """The body-sha256 a file's header claims (None without one) and the body it is about."""
    if comment_style(path) is None:
        match = JSON_HEADER.search(text)
        if match is None:
            return None, text
        head, body = match.group(0), text[: match.start()] + text[match.end() :]
    else:
        head = "".join(text.splitlines(keepends=True)[:2])
        body = text[len(head) :]
    found = DIGEST.search(head)
    return (found.group(1) if found else None), body


def edited_by_hand(path: str, text: str) -> bool:
    """True when a file's body no longer matches the body-sha256 in its header (or it has none)."""
    claimed, body = split_stamp(path, text)
    return claimed != _sha256(body)


def _docstring(text: str) -> str:
    """A safe one-paragraph Python docstring body."""
    return " ".join(text.replace("\\", "\\\\").replace('"""', "'''").split())


def _tsdoc(text: str) -> str:
    return " ".join(text.replace("*/", "*\\/").split())


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = repr
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.filters["docstring"] = _docstring
    env.filters["tsdoc"] = _tsdoc
    return env


# The ruff pinned in requirements.lock, installed beside this Python; never one found on PATH,
# which would make the output depend on the machine.
RUFF = [sys.executable, "-m", "ruff"]


def format_python(path: str, source: str) -> str:
    """Check that the source parses, then lay it out with ruff so output is tidy and stable."""
    ast.parse(source, filename=path)
    result = subprocess.run(
        [*RUFF, "format", "--quiet", "--line-length", "100", "--stdin-filename", path, "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


# Output path -> template; the Python outputs are formatted, the rest are laid out by the template.
PYTHON_OUTPUTS = {
    "__init__.py": "python/__init__.py.jinja",
    "models.py": "python/models.py.jinja",
    "protocol.py": "python/protocol.py.jinja",
    "families.py": "python/families.py.jinja",
    "router.py": "python/router.py.jinja",
    "client_runtime.py": "python/client_runtime.py.jinja",
    "client.py": "python/client.py.jinja",
    "orderbook.py": "python/orderbook.py.jinja",
}
# Outputs built on one family's operations and models (output -> family name): rendered only for
# a spec that has that family. (The TS order book helper is static and needs no such rule: it
# reaches the client through a structural type and the family table.)
FAMILY_OUTPUTS = {"orderbook.py": "orderbook"}
TS_OUTPUTS: dict[str, str] = {
    "package.json": "ts/package.json.jinja",
    "README.md": "ts/README.md.jinja",
    "src/models.ts": "ts/models.ts.jinja",
    "src/validators.ts": "ts/validators.ts.jinja",
    "src/protocol.ts": "ts/protocol.ts.jinja",
    "src/families.ts": "ts/families.ts.jinja",
    "src/client.ts": "ts/client.ts.jinja",
}


def render_all(api: Api, *, python_package: str = "generated") -> dict[str, str]:
    """Every generated file, keyed by its path relative to the output directory. Each is built
    without its header first, then stamped with the sha256 of exactly that content."""
    env = environment()
    context: dict[str, Any] = {"api": api, "package": python_package}
    bodies: dict[str, str] = {}
    families = {family.name for family in api.families}
    for path, template in PYTHON_OUTPUTS.items():
        needs = FAMILY_OUTPUTS.get(path)
        if needs is not None and needs not in families:
            continue
        bodies[path] = format_python(path, env.get_template(template).render(context))
    for path, template in TS_OUTPUTS.items():
        bodies["ts/" + path] = env.get_template(template).render(context)
    for static in sorted(STATIC.rglob("*")) if STATIC.exists() else []:
        if static.is_file():
            bodies["ts/" + str(static.relative_to(STATIC))] = static.read_text()
    bodies.update(compile_ts(bodies))
    return {path: stamp(api, path, body) for path, body in bodies.items()}
