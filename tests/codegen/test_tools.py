"""The generator's tools are the pinned ones: ruff from requirements.lock (whatever else is on
PATH) and tsc from package-lock.json, so the output is the same on every machine."""

import os
import shutil
from pathlib import Path

import pytest

from codegen import tsbuild
from codegen.__main__ import main
from codegen.render import format_python

from .helpers import FIXTURES

SOURCE = "x = {  'a':1 }\n"


def test_a_ruff_first_on_path_does_not_change_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pinned = format_python("m.py", SOURCE)
    fake = tmp_path / "bin" / "ruff"  # another machine's ruff: another version, other layout
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\ncat >/dev/null\necho 'x = {\"a\": 1}  # laid out by some other ruff'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    assert shutil.which("ruff") == str(fake)
    assert format_python("m.py", SOURCE) == pinned == 'x = {"a": 1}\n'


def test_without_the_pinned_tsc_nothing_is_written(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(tsbuild, "TSC", tmp_path / "no-tsc")
    monkeypatch.setattr(tsbuild, "_cache", {})
    out = tmp_path / "quotes_api"
    assert main(["--spec", str(FIXTURES / "minimal.yaml"), "--out", str(out)]) == 2
    assert "no-tsc is missing: run `make install`" in capsys.readouterr().err
    assert not out.exists()
