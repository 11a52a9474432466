"""`python -m specdiff` end to end: against a temporary git repository, on two files, and on
the project's real asyncapi.yaml."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from specdiff import classify
from specdiff.surface import messages
from tests.specdiff.helpers import FIXTURES, ROOT, Doc, base, props

SPEC = "asyncapi.yaml"


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent),  # never find the project's own repository
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=_env(repo), check=True, capture_output=True)


def _specdiff(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "specdiff", *args], cwd=cwd, env=_env(cwd),
                          capture_output=True, text=True, timeout=60, check=False)


def _write(path: Path, doc: Doc) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, sort_keys=False))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose HEAD holds the base fixture as asyncapi.yaml."""
    _git(tmp_path, "init", "-q")
    _write(tmp_path / SPEC, base())
    _git(tmp_path, "add", SPEC)
    _git(tmp_path, "commit", "-q", "-m", "spec")
    return tmp_path


def _without_note(version: str = "1.0.0") -> Doc:
    doc = base()
    props(doc, "SubscribeRequest").pop("note")
    doc["info"]["version"] = version
    return doc


@pytest.mark.parametrize(("args", "said"), [
    (["--base", "HEAD~1"], "no commit at HEAD~1"), (["--base", "HEAD"], "no commit at HEAD"), ([], "no commit yet")])
def test_fresh_repository_has_nothing_to_compare(tmp_path: Path, args: list[str], said: str) -> None:
    _git(tmp_path, "init", "-q")
    _write(tmp_path / SPEC, base())
    run = _specdiff(tmp_path, *args)
    assert (run.returncode, run.stdout) == (0, f"{said}; nothing to compare\n")


def test_the_first_commit_has_nothing_before_it(repo: Path) -> None:
    run = _specdiff(repo, "--base", "HEAD~1")
    assert (run.returncode, run.stdout) == (0, "no commit at HEAD~1; nothing to compare\n")


def test_an_unknown_base_is_an_error_not_a_pass(repo: Path) -> None:
    run = _specdiff(repo, "--base", "no-such-ref")
    assert run.returncode == 2
    assert "'no-such-ref' is not a commit of this repository" in run.stderr


def test_a_missing_working_spec_is_an_error(repo: Path) -> None:
    run = _specdiff(repo, "--base", "HEAD", "--spec", "nowhere.yaml")
    assert run.returncode == 2 and "nowhere.yaml: cannot read" in run.stderr


def test_a_base_beyond_a_shallow_clone_warns_and_passes(repo: Path, tmp_path: Path) -> None:
    _write(repo / SPEC, _without_note())
    _git(repo, "commit", "-q", "-am", "drop note")  # a breaking change the clone cannot see
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    run = _specdiff(clone, "--base", "HEAD~1")
    assert run.returncode == 0
    assert "HEAD~1 is not in this shallow clone; the gate did not run" in run.stderr


def test_spec_missing_at_base_has_nothing_to_compare(repo: Path) -> None:
    _write(repo / "api" / SPEC, base())
    run = _specdiff(repo, "--base", "HEAD", "--spec", f"api/{SPEC}")
    assert (run.returncode, run.stdout) == (0, "no previous spec at HEAD; nothing to compare\n")


def test_unchanged_spec_passes(repo: Path) -> None:
    run = _specdiff(repo, "--base", "HEAD")
    assert run.returncode == 0
    assert run.stdout.splitlines()[1:] == ["no API changes", "verdict: OK: no breaking or additive changes"]


def test_breaking_change_without_major_bump_fails(repo: Path) -> None:
    _write(repo / SPEC, _without_note("1.1.0"))
    run = _specdiff(repo, "--base", "HEAD")
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.splitlines()[1:4] == [
        "BREAKING (1):",
        "  - [field-removed] quotes.subscribe: /payload/note: field removed",
        "      at #/components/schemas/SubscribeRequest/properties/note",
    ]
    assert "verdict: FAIL: 1 breaking change(s)" in run.stdout


def test_breaking_change_with_major_bump_passes(repo: Path) -> None:
    _write(repo / SPEC, _without_note("2.0.0"))
    run = _specdiff(repo, "--base", "HEAD")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "BREAKING (1):" in run.stdout
    assert "accepted because the major version was raised (1.0.0 -> 2.0.0)" in run.stdout


def test_additive_change_passes_and_is_listed(repo: Path) -> None:
    doc = base()
    props(doc, "Quote")["venue"] = {"type": "string"}
    _write(repo / SPEC, doc)
    run = _specdiff(repo, "--base", "HEAD")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "additive (1):\n  - [field-added-optional] quotes.update: /payload/venue: field added" in run.stdout
    assert "BREAKING" not in run.stdout
    assert "recommend a minor bump (1.0.0 -> 1.1.0)" in run.stdout


def test_base_is_read_from_git_not_from_disk(repo: Path) -> None:
    """Committed spec without `note`, working copy with it: an addition, seen only via git."""
    _write(repo / SPEC, _without_note())
    _git(repo, "commit", "-q", "-am", "drop note")
    _write(repo / SPEC, base())
    run = _specdiff(repo, "--base", "HEAD")
    assert "[field-added-optional] quotes.subscribe: /payload/note" in run.stdout
    older = _specdiff(repo, "--base", "HEAD~1")  # HEAD~1 has `note` too: no change at all
    assert "no API changes" in older.stdout


# Without --base: the released spec, i.e. the first commit whose spec has the working copy's version.

def _commit(repo: Path, message: str, doc: Doc | None = None) -> str:
    """Commit `doc` as the spec (or, without one, an unrelated file); the commit's short sha."""
    if doc is None:
        (repo / "notes.txt").write_text(message)
        _git(repo, "add", "notes.txt")
    else:
        _write(repo / SPEC, doc)
        _git(repo, "add", SPEC)
    _git(repo, "commit", "-q", "-m", message)
    return _rev_parse(repo, "--short", "HEAD")


def _rev_parse(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "rev-parse", *args], cwd=repo, env=_env(repo), check=True,
                          capture_output=True, text=True).stdout.strip()


def _with_venue(version: str) -> Doc:
    doc = base()
    props(doc, "Quote")["venue"] = {"type": "string"}
    doc["info"]["version"] = version
    return doc


def test_a_breaking_commit_is_caught_under_later_commits(repo: Path) -> None:
    first = _rev_parse(repo, "--short", "HEAD")
    _commit(repo, "drop note", _without_note("1.0.0"))
    _commit(repo, "unrelated")
    assert _specdiff(repo, "--base", "HEAD~1").returncode == 0  # the hole: the last commit changed nothing
    run = _specdiff(repo)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.splitlines()[:3] == [
        f"base: {first} (released 1.0.0: the first commit with this version)",
        f"specdiff: {SPEC} at {first} (1.0.0) -> {SPEC} (working copy) (1.0.0)",
        "BREAKING (1):",
    ]


def test_a_breaking_change_with_a_pending_major_bump_passes(repo: Path) -> None:
    _write(repo / SPEC, _without_note("2.0.0"))
    run = _specdiff(repo)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[:2] == [
        "base: HEAD (1.0.0; the working copy raises it to 2.0.0)",
        f"specdiff: {SPEC} at HEAD (1.0.0) -> {SPEC} (working copy) (2.0.0)",
    ]
    assert "accepted because the major version was raised (1.0.0 -> 2.0.0)" in run.stdout


def test_a_breaking_change_with_a_pending_minor_bump_fails(repo: Path) -> None:
    _write(repo / SPEC, _without_note("1.1.0"))
    run = _specdiff(repo)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.splitlines()[0] == "base: HEAD (1.0.0; the working copy raises it to 1.1.0)"


def test_additive_changes_under_the_same_version_pass(repo: Path) -> None:
    first = _rev_parse(repo, "--short", "HEAD")
    _commit(repo, "add venue", _with_venue("1.0.0"))
    _commit(repo, "unrelated")
    run = _specdiff(repo)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[0] == f"base: {first} (released 1.0.0: the first commit with this version)"
    assert "[field-added-optional] quotes.update: /payload/venue" in run.stdout


def test_a_break_after_a_committed_minor_bump_is_judged_against_the_bump(repo: Path) -> None:
    bump = _commit(repo, "add venue (1.1.0)", _with_venue("1.1.0"))
    broken = _with_venue("1.1.0")
    props(broken, "SubscribeRequest").pop("note")
    _commit(repo, "drop note", broken)
    _commit(repo, "unrelated")
    run = _specdiff(repo)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.splitlines()[0] == f"base: {bump} (released 1.1.0: the first commit with this version)"
    assert "[field-removed] quotes.subscribe: /payload/note" in run.stdout
    assert "venue" not in run.stdout  # released with 1.1.0: not a change since


@pytest.mark.parametrize(("version", "code", "verdict"), [
    ("1.1.0", 1, "verdict: FAIL: 1 breaking change(s) but the major version of info.version was not raised "
                 "(1.0.0 -> 1.1.0); raise it to 2.0.0 or undo them"),
    ("2.0.0", 0, "verdict: OK: 1 breaking change(s) accepted because the major version was raised (1.0.0 -> 2.0.0)"),
])
def test_a_break_committed_with_its_bump_is_judged_against_the_previous_version(
        repo: Path, version: str, code: int, verdict: str) -> None:
    """The release commit compared with itself shows nothing: the last 1.0.0 commit must see the break."""
    previous = _rev_parse(repo, "--short", "HEAD")
    release = _commit(repo, f"drop note, {version}", _without_note(version))
    _commit(repo, "unrelated")
    run = _specdiff(repo)
    assert run.returncode == code, run.stdout + run.stderr
    assert run.stdout.splitlines() == [
        f"base: {release} (released {version}: the first commit with this version)",
        f"specdiff: {SPEC} at {release} ({version}) -> {SPEC} (working copy) ({version})",
        "no API changes",
        "verdict: OK: no breaking or additive changes",
        f"base: {previous} (1.0.0: the last commit before the release of {version}; breaking changes only)",
        f"specdiff: {SPEC} at {previous} (1.0.0) -> {SPEC} (working copy) ({version})",
        "BREAKING (1):",
        "  - [field-removed] quotes.subscribe: /payload/note: field removed",
        "      at #/components/schemas/SubscribeRequest/properties/note",
        verdict,
    ]


def test_the_previous_version_lists_only_breaking_changes(repo: Path) -> None:
    previous = _rev_parse(repo, "--short", "HEAD")
    _commit(repo, "add venue (1.1.0)", _with_venue("1.1.0"))
    run = _specdiff(repo)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[4:] == [
        f"base: {previous} (1.0.0: the last commit before the release of 1.1.0; breaking changes only)",
        f"specdiff: {SPEC} at {previous} (1.0.0) -> {SPEC} (working copy) (1.1.0)",
        "no breaking changes",
        "verdict: OK: additive changes only (1.0.0 -> 1.1.0)",
    ]


def test_a_spec_new_in_the_working_copy_has_nothing_to_compare(repo: Path) -> None:
    _write(repo / "api" / SPEC, base())
    run = _specdiff(repo, "--spec", f"api/{SPEC}")
    assert (run.returncode, run.stdout) == (
        0, "base: HEAD (no spec at HEAD)\nno previous spec at HEAD; nothing to compare\n")


def test_a_shallow_clone_that_cannot_see_the_release_warns_and_passes(repo: Path, tmp_path: Path) -> None:
    _commit(repo, "drop note", _without_note("1.0.0"))  # under 1.0.0, released before the clone's history
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    run = _specdiff(clone)
    assert (run.returncode, run.stdout) == (0, "")
    assert "WARNING: this shallow clone stops before the commit that released 1.0.0" in run.stderr


def test_a_shallow_clone_that_sees_the_previous_version_runs_the_gate(repo: Path, tmp_path: Path) -> None:
    _commit(repo, "unrelated")  # the clone's oldest commit: 1.0.0, older than the release of 1.1.0
    bump = _commit(repo, "bump", _with_venue("1.1.0"))
    broken = _with_venue("1.1.0")
    props(broken, "SubscribeRequest").pop("note")
    _commit(repo, "drop note", broken)
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "3", f"file://{repo}", str(clone))
    assert _rev_parse(clone, "--is-shallow-repository") == "true"
    run = _specdiff(clone)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.splitlines()[0] == f"base: {bump} (released 1.1.0: the first commit with this version)"


def test_two_files(tmp_path: Path) -> None:
    _write(tmp_path / "new.yaml", _without_note())
    run = _specdiff(tmp_path, str(FIXTURES / "base.yaml"), "new.yaml")
    assert run.returncode == 1
    assert "[field-removed]" in run.stdout


def test_unreadable_spec_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "new.yaml").write_text("asyncapi: [unclosed\n")
    run = _specdiff(tmp_path, str(FIXTURES / "base.yaml"), "new.yaml")
    assert run.returncode == 2
    assert "not valid YAML" in run.stderr


@pytest.mark.parametrize("args", [["one.yaml"], ["a.yaml", "b.yaml", "c.yaml"], ["--base", "HEAD", "a.yaml", "b.yaml"]])
def test_usage_errors(tmp_path: Path, args: list[str]) -> None:
    assert _specdiff(tmp_path, *args).returncode == 2


def test_real_spec_compared_with_itself_has_no_findings() -> None:
    spec = ROOT / SPEC
    real = yaml.safe_load(spec.read_text())
    # Not vacuous: every message component is on the wire, and both directions are seen ...
    found = messages(real)
    assert set(found) == {m["name"] for m in real["components"]["messages"].values()}
    assert {d for m in found.values() for d in m.uses} == {"client->server", "server->client"}
    assert classify(real, yaml.safe_load(spec.read_text())) == []
    run = _specdiff(ROOT, str(spec), str(spec))
    assert (run.returncode, run.stdout.splitlines()[-1]) == (0, "verdict: OK: no breaking or additive changes")


def test_real_spec_change_is_caught() -> None:
    """... and a change to the real spec's shared Ticker pattern is caught where clients send it."""
    real = yaml.safe_load((ROOT / SPEC).read_text())
    changed = yaml.safe_load((ROOT / SPEC).read_text())
    changed["components"]["schemas"]["Ticker"]["pattern"] = "^[A-Z]+$"
    (finding,) = classify(real, changed)
    assert (finding.kind, finding.rule, finding.pointer) == (
        "breaking", "constraint-changed", "#/components/schemas/Ticker/pattern")
    assert "bars.subscribe" in finding.message
