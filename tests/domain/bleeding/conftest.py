"""Shared fixtures: the shipped bleeding-risk rules, read once."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from irsuite.domain.bleeding import BleedingRules, parse_rules

RULES_PATH = Path(__file__).resolve().parents[3] / "src/irsuite/reference/data/bleeding_risk.toml"


def load_raw() -> dict[str, Any]:
    with RULES_PATH.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="session")
def raw_rules() -> dict[str, Any]:
    return load_raw()


@pytest.fixture(scope="session")
def rules(raw_rules: dict[str, Any]) -> BleedingRules:
    return parse_rules(raw_rules)
