"""Shared fixtures: the shipped bleeding-risk rules, read once."""

from __future__ import annotations

from typing import Any

import pytest
from bleeding_data import load_raw

from irsuite.domain.bleeding import BleedingRules, parse_rules


@pytest.fixture(scope="session")
def raw_rules() -> dict[str, Any]:
    return load_raw()


@pytest.fixture(scope="session")
def rules(raw_rules: dict[str, Any]) -> BleedingRules:
    return parse_rules(raw_rules)
