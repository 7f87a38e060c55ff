"""Reads the shipped bleeding-risk reference file for the tests."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

RULES_PATH = Path(__file__).resolve().parents[3] / "src/irsuite/reference/data/bleeding_risk.toml"


def load_raw() -> dict[str, Any]:
    with RULES_PATH.open("rb") as fh:
        return tomllib.load(fh)
