"""The same spec gives the same bytes in every process: set and dict iteration orders that depend
on the string hash seed must not reach the output. Rendering twice in one process cannot show
that (one seed), so each run here is its own `python -m codegen` with its own PYTHONHASHSEED."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live_server import ROOT

from .helpers import FIXTURES

SEEDS = ("0", "1", "4242")
SPECS = {"asyncapi": ROOT / "asyncapi.yaml", "minimal": FIXTURES / "minimal.yaml"}


def tree(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("spec", sorted(SPECS))
def test_output_is_byte_identical_whatever_the_hash_seed(spec: str, tmp_path: Path) -> None:
    outs = {seed: tmp_path / f"seed-{seed}" / "out_api" for seed in SEEDS}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "codegen", "--spec", str(SPECS[spec]), "--out", str(out)],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed, out in outs.items()
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    first, *others = (tree(out) for out in outs.values())
    assert first, "nothing was generated"
    for seed, other in zip(SEEDS[1:], others, strict=True):
        differing = sorted(rel for rel in first.keys() | other.keys() if first.get(rel) != other.get(rel))
        assert not differing, f"PYTHONHASHSEED={seed} changed {differing} (compared with {SEEDS[0]})"
