"""asyncapi.yaml plus the test-only families of tests/engine/families.yaml, generated into a
folder of its own: a service started from that folder serves them with this repository's app."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.live_server import ROOT

FAMILIES = Path(__file__).parent / "families.yaml"


def merged_spec() -> dict[str, Any]:
    """asyncapi.yaml with the test families added, as a user adds a family by hand."""
    doc: dict[str, Any] = yaml.safe_load((ROOT / "asyncapi.yaml").read_text())
    extra: dict[str, Any] = yaml.safe_load(FAMILIES.read_text())
    doc["x-topics"].update(extra["x-topics"])
    doc["components"]["schemas"].update(extra["schemas"])
    doc["components"]["messages"].update(extra["messages"])
    channel = doc["channels"]["/api/v1/ws"]
    for operation in ("publish", "subscribe"):
        channel[operation]["message"]["oneOf"] += [{"$ref": f"#/components/messages/{key}"} for key in extra[operation]]
    return doc


def generate(folder: Path) -> Path:
    """Write the merged spec to `folder` and generate its `generated` package there (the
    repository's generator, as `make generate` runs it); the spec's path."""
    spec = folder / "asyncapi.yaml"
    spec.write_text(yaml.safe_dump(merged_spec(), sort_keys=False))
    command = [sys.executable, "-m", "codegen", "--spec", str(spec), "--out", str(folder / "generated")]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)
    return spec
