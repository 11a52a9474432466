"""The README is part of the contract with a new user: it must name every setting and target."""

import re
from pathlib import Path

from app.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_every_setting_is_in_the_configuration_table() -> None:
    documented = set(re.findall(r"^\| `(WS_[A-Z_]+)` \|", README, flags=re.MULTILINE))
    assert documented == {f"WS_{name.upper()}" for name in Settings.model_fields}


def test_every_make_target_the_readme_names_exists() -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"`make ([a-z-]+)", README))
    assert named and named <= targets, named - targets
