"""The drift check: --check writes nothing and names every stale or orphan file with a diff."""

from pathlib import Path

from codegen.__main__ import main

from .helpers import FIXTURES


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


def test_generate_removes_orphans(tmp_path: Path) -> None:
    out = tmp_path / "quotes_api"
    generate(out)
    (out / "leftover.py").write_text("# no longer generated\n")
    generate(out)
    assert not (out / "leftover.py").exists()


def test_every_file_carries_the_header_with_the_spec_hash(tmp_path: Path) -> None:
    import hashlib

    out = tmp_path / "quotes_api"
    generate(out)
    digest = hashlib.sha256((FIXTURES / "minimal.yaml").read_bytes()).hexdigest()
    for path in out.rglob("*.py"):
        head = path.read_text().splitlines()[:2]
        assert head[0] == "# DO NOT EDIT: generated from minimal.yaml by `make generate`.", path
        assert f"spec-sha256: {digest}" in head[1], path
