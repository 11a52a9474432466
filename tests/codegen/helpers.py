"""Shared helpers for generator tests: build files from a spec held in memory or on disk."""

import sys
from pathlib import Path
from typing import Any

import yaml

from codegen.build_ir import build_api
from codegen.ir import SpecError
from codegen.loader import load_spec
from codegen.render import render_all

FIXTURES = Path(__file__).parent / "fixtures"


def write_spec(tmp_path: Path, doc: dict[str, Any], name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


def spec_errors(tmp_path: Path, doc: dict[str, Any]) -> list[SpecError]:
    api, errors = build_api(load_spec(write_spec(tmp_path, doc)))
    assert api is None, "the spec was expected to be rejected"
    return errors


def render_spec(path: Path, package: str) -> dict[str, str]:
    api, errors = build_api(load_spec(path))
    assert api is not None, errors
    return render_all(api, python_package=package)


def generate_package(tmp_path: Path, spec_path: Path, package: str) -> Path:
    """Write the generated Python package under tmp_path and make it importable."""
    out = tmp_path / package
    for rel, text in render_spec(spec_path, package).items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    if str(tmp_path) not in sys.path:
        sys.path.insert(0, str(tmp_path))
    return out


def minimal_doc() -> dict[str, Any]:
    return yaml.safe_load((FIXTURES / "minimal.yaml").read_text())
