"""Write an in-memory file set to disk, or check that the disk already matches it."""

import difflib
from dataclasses import dataclass
from pathlib import Path

from .render import edited_by_hand

# Files under the output directory that the generator does not own (installs, caches). ts/dist/
# is generated (codegen/tsbuild.py), so it is checked and cleaned like the rest.
IGNORED_PARTS = {"node_modules", "__pycache__", ".mypy_cache", ".tsbuildinfo"}


@dataclass(frozen=True)
class Drift:
    stale: list[str]  # differ from what the spec gives, or missing
    orphans: list[str]  # on disk, but no longer generated
    edited: list[str]  # stale, and the content no longer matches its own header's body-sha256
    diff: str  # a line per file edited by hand, then the unified diff of every stale file

    @property
    def clean(self) -> bool:
        return not self.stale and not self.orphans


def _on_disk(out: Path) -> set[str]:
    if not out.exists():
        return set()
    return {
        str(p.relative_to(out))
        for p in out.rglob("*")
        if p.is_file()
        and not IGNORED_PARTS.intersection(p.relative_to(out).parts)
        and not p.name.endswith(".tsbuildinfo")
    }


def check(files: dict[str, str], out: Path) -> Drift:
    existing = _on_disk(out)
    stale: list[str] = []
    edited: list[str] = []
    chunks: list[str] = []
    for rel, text in sorted(files.items()):
        path = out / rel
        current = path.read_text() if path.exists() else ""
        if current != text:
            stale.append(rel)
            if path.exists() and edited_by_hand(rel, current):
                edited.append(rel)
            chunks.extend(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile=f"{out / rel} (on disk)",
                    tofile=f"{out / rel} (from spec)",
                )
            )
    orphans = sorted(existing - set(files))
    notes = [
        f"{out / rel}: edited by hand (its content no longer matches the body-sha256 in its header);"
        " `make generate` overwrites it: change the spec or codegen/ instead\n"
        for rel in edited
    ]
    return Drift(stale, orphans, edited, "".join(notes + chunks))


def write(files: dict[str, str], out: Path) -> list[str]:
    """Write changed files and delete orphans; return what changed."""
    drift = check(files, out)
    for rel in drift.stale:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[rel])
    for rel in drift.orphans:
        (out / rel).unlink()
    return drift.stale + drift.orphans
