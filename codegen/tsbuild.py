"""Compile the rendered TypeScript package into dist/ (ES modules + .d.ts) with the repo's tsc.

The compiled files are part of the generated file set, so `--check` catches a stale build like
any other file, and the package imports from plain Node without a build step of its own. Only
the tsc pinned in package-lock.json is used (never one on PATH), so the output is the same on
every machine.

tsc is given the files' bodies, without their headers, and its output has none either: the
caller stamps each dist file with the hash of its own content, as it does every other file, so
a dist file changes only when what tsc emits for it does.
"""

import hashlib
import json
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TSC = ROOT / "node_modules" / ".bin" / "tsc"
PREFIX = "ts/"
# What tsc needs to compile the package: its sources, its tsconfig, and package.json ("type": "module").
INPUTS = ("ts/package.json", "ts/tsconfig.json")


class TsBuildError(Exception):
    """tsc is missing or rejected the generated sources."""


_cache: dict[str, dict[str, str]] = {}  # inputs' sha256 -> outputs; tests render the same spec often


def compile_ts(bodies: dict[str, str]) -> dict[str, str]:
    """The dist/ files tsc emits for the `ts/` part of `bodies` (files without their headers)."""
    inputs = {rel: text for rel, text in bodies.items() if rel in INPUTS or rel.startswith("ts/src/")}
    key = hashlib.sha256(json.dumps(sorted(inputs.items())).encode()).hexdigest()
    if key not in _cache:
        _cache[key] = _run_tsc(inputs)
    return dict(_cache[key])


def _run_tsc(inputs: dict[str, str]) -> dict[str, str]:
    if not TSC.exists():
        raise TsBuildError(f"{TSC} is missing: run `make install` (npm ci) first")
    with tempfile.TemporaryDirectory(prefix="codegen-ts-") as tmp:
        package = Path(tmp)
        for rel, text in inputs.items():
            path = package / rel.removeprefix(PREFIX)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        # --skipLibCheck: the only .d.ts files here are TypeScript's own libs; halves the time.
        command = [str(TSC), "-p", str(package / "tsconfig.json"), "--skipLibCheck"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise TsBuildError(f"tsc rejected the generated TypeScript:\n{result.stdout}{result.stderr}")
        dist = package / "dist"
        return {
            f"{PREFIX}dist/{path.relative_to(dist)}": path.read_text()
            for path in sorted(dist.rglob("*"))
            if path.is_file()
        }
