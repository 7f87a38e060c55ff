"""Fixtures for the RDSR reader tests."""

from __future__ import annotations

import pytest
from rdsr_samples import load_bounds

from irsuite.domain.rdsr import PlausibilityBounds


@pytest.fixture(scope="session")
def bounds() -> PlausibilityBounds:
    return load_bounds()
