"""The drift check: --check writes nothing and names every stale or orphan file with a diff."""

import hashlib
from pathlib import Path

from codegen import VERSION
from codegen.__main__ import main
from codegen.writer import IGNORED_PARTS

from .helpers import FIXTURES, minimal_doc, write_spec

ROOT = Path(__file__).resolve().parents[2]


def generate(out: Path, *extra: str) -> int:
    return main(["--spec", str(FIXTURES / "minimal.yaml"), "--out", str(out), *extra])


def test_check_passes_after_generate_and_generate_is_idempotent(tmp_path: Path) -> None:
    out = tmp_path / "quotes_api"
    assert generate(out) == 0
    snapshot = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert generate(out) == 0
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == snapshot
    assert generate(out, "--check") == 0


def test_check_reports_stale_and_orphan_files_and_changes_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "quotes_api"
    generate(out)
    models = out / "models.py"
    models.write_text(models.read_text().replace("class Quote(", "class Quota("))
    (out / "leftover.py").write_text("# no longer generated\n")
    before = models.read_text()
    capsys.readouterr()
    assert generate(out, "--check") == 1
    err = capsys.readouterr().err
    assert f"stale: {models}" in err
    assert f"orphan: {out / 'leftover.py'}" in err
    assert "-class Quota(" in err and "+class Quote(" in err
    assert models.read_text() == before and (out / "leftover.py").exists()


def test_check_says_which_files_were_edited_by_hand(tmp_path: Path, capsys) -> None:
    """A body that no longer matches its own stamp was edited after generation, whatever the
    kind of file (package.json's stamp is its "//" field)."""
    out = tmp_path / "quotes_api"
    generate(out)
    edits = {"models.py": ("class Quote(", "class Quota("), "ts/package.json": ('"private": true', '"private": false')}
    edits["ts/dist/backoff.js"] = ("export function", "export async function")
    for rel, (old, new) in edits.items():
        path = out / rel
        assert old in path.read_text(), rel
        path.write_text(path.read_text().replace(old, new))
    capsys.readouterr()
    assert generate(out, "--check") == 1
    err = capsys.readouterr().err
    for rel in edits:
        assert f"stale: {out / rel}" in err
        assert f"{out / rel}: edited by hand (its content no longer matches the body-sha256 in its header)" in err
    assert err.count("edited by hand") == len(edits)


def test_a_file_the_spec_moved_on_from_is_stale_not_edited_by_hand(tmp_path: Path, capsys) -> None:
    out = tmp_path / "quotes_api"
    generate(out)
    doc = minimal_doc()
    doc["components"]["messages"]["Hello"]["summary"] = "Greets the server, warmly."
    (tmp_path / "new").mkdir()
    spec = write_spec(tmp_path / "new", doc, "minimal.yaml")  # the name is in every header
    capsys.readouterr()
    assert main(["--spec", str(spec), "--out", str(out), "--check"]) == 1
    err = capsys.readouterr().err
    assert f"stale: {out / 'router.py'}" in err and f"stale: {out / 'client.py'}" in err
    assert "edited by hand" not in err


def test_generate_removes_orphans(tmp_path: Path) -> None:
    out = tmp_path / "quotes_api"
    generate(out)
    (out / "leftover.py").write_text("# no longer generated\n")
    generate(out)
    assert not (out / "leftover.py").exists()


def assert_every_file_stamped(out: Path, spec: Path) -> None:
    """Each file's first lines name the spec and the sha256 of the file's own content below the
    header, in whatever form the format allows (comments; package.json, which has none, in its
    "//" field, and there the body is the file without that line)."""
    files = [p for p in out.rglob("*") if p.is_file() and not IGNORED_PARTS.intersection(p.relative_to(out).parts)]
    assert {p.suffix for p in files} >= {".py", ".ts", ".js", ".json", ".md"}
    for path in files:
        text = path.read_text()
        lines = text.splitlines(keepends=True)
        if path.name == "package.json":
            assert lines[1].startswith('  "//": '), path
            head, body = lines[1], lines[0] + "".join(lines[2:])
        else:
            head, body = "".join(lines[:2]), "".join(lines[2:])
        digest = hashlib.sha256(body.encode()).hexdigest()
        assert f"DO NOT EDIT: generated from {spec.name} by `make generate`." in head, path
        assert f"body-sha256: {digest}  generator: codegen {VERSION}" in head, path


def test_every_file_carries_the_header_with_its_body_hash(tmp_path: Path) -> None:
    out = tmp_path / "quotes_api"
    generate(out)
    assert_every_file_stamped(out, FIXTURES / "minimal.yaml")
    head = (out / "models.py").read_text().splitlines()[:2]
    assert head[0] == "# DO NOT EDIT: generated from minimal.yaml by `make generate`.", head


def test_every_committed_generated_file_carries_the_header() -> None:
    assert_every_file_stamped(ROOT / "generated", ROOT / "asyncapi.yaml")
