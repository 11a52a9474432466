"""Each generated file is stamped with the sha256 of its own content below the header, so a spec
edit changes only the files whose content it changes, and review shows those alone."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from codegen.render import STATIC

from .helpers import minimal_doc, render_spec, write_spec

Mutation = Callable[[dict[str, Any]], None]

# The message-independent TypeScript runtime, as copied into the package and as tsc compiles it.
STATIC_SOURCES = sorted(
    "ts/" + str(p.relative_to(STATIC)) for p in STATIC.rglob("*") if p.is_file() and p.parent.name == "src"
)
STATIC_DIST = [
    src.replace("ts/src/", "ts/dist/").removesuffix(".ts") + ext for src in STATIC_SOURCES for ext in (".js", ".d.ts")
]


def render(tmp_path: Path, name: str, mutate: Mutation | None = None) -> dict[str, str]:
    """The fixture's output, each variant under its own folder: the spec's file name is in every
    header, so it must stay the same across variants."""
    doc = minimal_doc()
    if mutate:
        mutate(doc)
    folder = tmp_path / name
    folder.mkdir()
    return render_spec(write_spec(folder, doc), package="quotes_api")


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}


def add_bye(doc: dict[str, Any]) -> None:
    doc["components"]["messages"]["Bye"] = {
        "name": "bye",
        "summary": "Says goodbye.",
        "description": "Sent by a client before it closes the connection.",
        "payload": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "const": "bye"}}},
    }
    doc["channels"]["/ws"]["publish"]["message"]["oneOf"].append({"$ref": "#/components/messages/Bye"})


def test_the_static_runtime_is_found() -> None:
    assert {"ts/src/backoff.ts", "ts/src/core.ts", "ts/src/index.ts"} <= set(STATIC_SOURCES)
    assert "ts/dist/backoff.js" in STATIC_DIST and "ts/dist/backoff.d.ts" in STATIC_DIST


def test_a_new_message_leaves_every_file_that_does_not_depend_on_it_byte_identical(tmp_path: Path) -> None:
    before, after = render(tmp_path, "before"), render(tmp_path, "after", add_bye)
    diff = changed(before, after)
    assert {"models.py", "router.py", "client.py", "ts/src/models.ts", "ts/src/client.ts"} <= diff
    untouched = [*STATIC_SOURCES, *STATIC_DIST, "ts/tsconfig.json", "client_runtime.py"]
    assert not diff & set(untouched), f"files that do not depend on messages changed: {sorted(diff & set(untouched))}"
    for rel in untouched:
        assert before[rel] == after[rel], rel
    assert len(diff) < len(before) / 2, sorted(diff)


def test_a_changed_summary_touches_only_the_files_that_show_it(tmp_path: Path) -> None:
    def reword(doc: dict[str, Any]) -> None:
        doc["components"]["messages"]["Hello"]["summary"] = "Greets the server, warmly."

    diff = changed(render(tmp_path, "before"), render(tmp_path, "after", reword))
    assert diff == {"router.py", "client.py", "ts/src/client.ts", "ts/dist/client.js", "ts/dist/client.d.ts"}


def test_a_version_bump_touches_only_the_files_that_hold_the_version_as_data(tmp_path: Path) -> None:
    def bump(doc: dict[str, Any]) -> None:
        doc["info"]["version"] = "0.2.0"

    diff = changed(render(tmp_path, "before"), render(tmp_path, "after", bump))
    protocol = {"protocol.py", "ts/src/protocol.ts", "ts/dist/protocol.js", "ts/dist/protocol.d.ts"}  # VERSION
    assert diff == protocol | {"ts/package.json", "ts/README.md"}
