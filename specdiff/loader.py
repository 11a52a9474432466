"""Read spec documents (a file or a git revision) and follow local `$ref`s.

Following a `$ref` must not lose where things are written: a finding names a JSON pointer
into the spec, so `Located` remembers, for every keyword of a resolved schema, the object it
came from (the `$ref` target, or the `$ref`'s own siblings such as a `default`).
"""

import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from codegen.loader import escape_token, resolve_pointer

Doc = dict[str, Any]


class SpecError(Exception):
    """A document that cannot be compared: not YAML, not a mapping, or a bad `$ref`."""


def parse(text: str, label: str) -> Doc:
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SpecError(f"{label}: not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise SpecError(f"{label}: the document must be a mapping")
    return doc


def load_file(path: Path) -> Doc:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"{path}: cannot read: {exc.strerror}") from exc
    return parse(text, str(path))


def run_git(folder: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """`git ARGS` run in `folder`; None when git cannot be run there."""
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)
    except OSError:  # git not installed, or the folder does not exist
        return None


def base_problem(ref: str, folder: Path) -> str | None:
    """Why `ref` names no commit to compare with, or None when it does.

    "before history": the ref points before the first commit (HEAD~1 of a root commit, or HEAD
    or HEAD~1 of a repository with no commit yet): there is nothing the spec could break.
    "shallow": the clone's history stops short, so the ref cannot be told from a typo. Anything
    else is an unknown ref, and the gate must not pass in silence."""
    found = run_git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found is None:
        return "unknown: git cannot be run here"
    if found.returncode == 0:
        return None
    shallow = run_git(folder, "rev-parse", "--is-shallow-repository")
    if shallow is not None and shallow.stdout.strip() == "true":
        return "shallow"
    start = re.split(r"[~^]", ref, maxsplit=1)[0] or "HEAD"
    if start != ref or ref == "HEAD":
        root = run_git(folder, "rev-parse", "--verify", "--quiet", f"{start}^{{commit}}")
        no_commit_yet = start == "HEAD" and root is not None and root.returncode != 0
        if no_commit_yet or (root is not None and root.returncode == 0):
            return "before history"
    return f"unknown: {ref!r} is not a commit of this repository"


def git_show(ref: str, path: Path) -> tuple[str | None, str]:
    """The file's text at `ref`, or None and git's reason when the ref or the file is missing.

    `./name` run from the file's folder makes git resolve the path like the shell does,
    wherever the repository root is.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        run = subprocess.run(
            ["git", "show", f"{ref}:./{path.name}"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:  # git not installed, or the folder does not exist
        return None, str(exc)
    if run.returncode != 0:
        return None, run.stderr.strip().splitlines()[0] if run.stderr.strip() else "git show failed"
    return run.stdout, ""


def escape(token: str | int) -> str:
    return escape_token(str(token))


def join(pointer: str, *tokens: str | int) -> str:
    """Append RFC 6901 tokens to a '#/...' pointer ('#' is the document root)."""
    return "/".join([pointer, *(escape(t) for t in tokens)])


def resolve(doc: Doc, ref: str) -> Any:
    if not ref.startswith("#/"):
        raise SpecError(f"{ref}: only local '#/...' references are supported")
    try:
        return resolve_pointer(doc, ref)
    except KeyError:
        raise SpecError(f"{ref}: the reference names nothing") from None


@dataclass(frozen=True)
class Located:
    """A schema with its `$ref`s (and one-schema `allOf`s) followed.

    `schema` is the target overlaid by the siblings of the `$ref` or `allOf` (the project writes
    `default` beside `allOf: [{$ref: ...}]`, draft-07's way to give a `$ref` a default);
    `pointer` is where the target lives; `origins` maps each sibling keyword to the object it
    is written in.
    """

    schema: Mapping[str, Any]
    pointer: str
    origins: Mapping[str, str] = field(default_factory=dict)

    def at(self, keyword: str) -> str:
        return join(self.origins.get(keyword, self.pointer), keyword)

    def has(self, keyword: str) -> bool:
        return keyword in self.schema


def _one_schema_all_of(node: dict[str, Any]) -> bool:
    """`allOf: [S]` means S, plus whatever is written beside it."""
    items = node.get("allOf")
    return isinstance(items, list) and len(items) == 1


def locate(doc: Doc, node: Any, pointer: str) -> Located:
    """Follow `node`'s `$ref` (and one-schema `allOf`) chain; outer siblings win over inner
    ones, as in the spec text."""
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    seen: set[str] = set()
    while isinstance(node, dict) and ("$ref" in node or _one_schema_all_of(node)):
        link = "$ref" if "$ref" in node else "allOf"
        for key, value in node.items():
            if key != link and key not in merged:
                merged[key], origins[key] = value, pointer
        if link == "allOf":
            node, pointer = node["allOf"][0], join(pointer, "allOf", 0)
            continue
        ref = node["$ref"]
        if not isinstance(ref, str) or ref in seen:
            raise SpecError(f"{pointer}: circular or invalid $ref {ref!r}")
        seen.add(ref)
        node, pointer = resolve(doc, ref), ref
    if not isinstance(node, dict):
        raise SpecError(f"{pointer}: expected a schema object")
    schema = {**node, **merged}
    return Located(schema=schema, pointer=pointer, origins=origins)
