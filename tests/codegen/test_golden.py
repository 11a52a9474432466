"""Tier 1: the generator's whole output for each fixture spec, compared with a committed tree.

Refresh after an intended change with `make goldens`, then review the diff like code.
"""

import os
from pathlib import Path

import pytest

from codegen.writer import check, write

from .helpers import FIXTURES, render_spec

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in FIXTURES.glob("*.yaml"))


@pytest.mark.parametrize("name", CASES)
def test_output_matches_golden_tree(name: str) -> None:
    files = render_spec(FIXTURES / f"{name}.yaml", package=f"{name}_api")
    out = GOLDEN / name
    if os.environ.get("UPDATE_GOLDENS"):
        write(files, out)
    drift = check(files, out)
    assert drift.clean, (
        f"generator output for {name}.yaml differs from {out} (run `make goldens` if intended):\n"
        f"stale: {drift.stale}\norphans: {drift.orphans}\n{drift.diff[:4000]}"
    )


def test_rendering_is_deterministic() -> None:
    first = render_spec(FIXTURES / "minimal.yaml", package="minimal_api")
    second = render_spec(FIXTURES / "minimal.yaml", package="minimal_api")
    assert first == second
