"""Render the IR into an in-memory file set: {relative path: text}. Nothing is written here."""

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2

from .ir import Api
from .tsbuild import compile_ts

TEMPLATES = Path(__file__).parent / "templates"
STATIC = TEMPLATES / "static"


def header_lines(api: Api) -> tuple[str, str]:
    return (
        f"DO NOT EDIT: generated from {api.source} by `make generate`.",
        f"spec-sha256: {api.spec_sha256}  generator: codegen {api.generator_version}",
    )


def header(api: Api, comment: str) -> str:
    """The header as `comment` lines: "#", "//", or "<!--" (each line an HTML comment)."""
    close = " -->" if comment == "<!--" else ""
    return "".join(f"{comment} {line}{close}\n" for line in header_lines(api))


def comment_style(path: str) -> str | None:
    """How a header is written in this file; None for package.json, which has no comments
    (its template puts the same lines in its "//" field, the key npm leaves to comments)."""
    if path.endswith(".py"):
        return "#"
    if path.endswith((".ts", ".js")) or path.endswith("tsconfig.json"):  # tsconfig.json allows comments
        return "//"
    if path.endswith(".md"):
        return "<!--"
    return None


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
    env.globals["header_lines"] = header_lines
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
    "router.py": "python/router.py.jinja",
    "client_runtime.py": "python/client_runtime.py.jinja",
    "client.py": "python/client.py.jinja",
}
TS_OUTPUTS: dict[str, str] = {
    "package.json": "ts/package.json.jinja",
    "README.md": "ts/README.md.jinja",
    "src/models.ts": "ts/models.ts.jinja",
    "src/validators.ts": "ts/validators.ts.jinja",
    "src/protocol.ts": "ts/protocol.ts.jinja",
    "src/client.ts": "ts/client.ts.jinja",
}


def render_all(api: Api, *, python_package: str = "generated") -> dict[str, str]:
    """Every generated file, keyed by its path relative to the output directory."""
    env = environment()
    context: dict[str, Any] = {"api": api, "package": python_package}
    files: dict[str, str] = {}
    for path, template in PYTHON_OUTPUTS.items():
        text = _with_header(api, path, env.get_template(template).render(context))
        files[path] = format_python(path, text)
    for path, template in TS_OUTPUTS.items():
        files["ts/" + path] = _render_ts(env, api, path, template, context)
    for static in sorted(STATIC.rglob("*")) if STATIC.exists() else []:
        if static.is_file():
            path = "ts/" + str(static.relative_to(STATIC))
            files[path] = _with_header(api, path, static.read_text())
    files.update(compile_ts(files, header(api, "//")))
    return files


def _render_ts(env: jinja2.Environment, api: Api, path: str, template: str, context: dict[str, Any]) -> str:
    return _with_header(api, path, env.get_template(template).render(context))


def _with_header(api: Api, path: str, text: str) -> str:
    style = comment_style(path)
    return text if style is None else header(api, style) + text
