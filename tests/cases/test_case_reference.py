"""The case record's plausibility limits come from reference data, with their provenance."""

from __future__ import annotations

from decimal import Decimal

import pytest

from irsuite.cases import reference
from irsuite.reference.loader import read_toml

LIMITS = [
    reference.contrast_ml,
    reference.duration_min,
    reference.device_quantity,
    reference.length_of_stay_hours,
]


@pytest.fixture
def fresh_limits():  # type: ignore[no-untyped-def]
    """Forget the cached limits before and after the test, which replaces the files read."""
    reference._limits.cache_clear()
    reference.sheath_fr.cache_clear()
    yield
    reference._limits.cache_clear()
    reference.sheath_fr.cache_clear()


@pytest.mark.parametrize("limit", [*LIMITS, reference.sheath_fr])
def test_every_limit_carries_a_source_and_a_verified_flag(limit):
    read = limit()
    assert read.source.strip() and isinstance(read.verified, bool)
    assert read.low <= read.high


def test_the_sheath_range_is_the_one_of_the_bleeding_risk_file():
    low, high = read_toml("bleeding_risk.toml")["plausible"]["sheath_fr"]
    assert (reference.sheath_fr().low, reference.sheath_fr().high) == (low, high)


def test_whole_bounds_read_as_integers_and_others_as_exact_decimals(monkeypatch, fresh_limits):
    table = {"sheath_fr": [2.0, 30.5], "source": "test", "verified": False}
    monkeypatch.setattr(reference, "read_toml", lambda name: {"plausible": table})
    sheath = reference.sheath_fr()
    assert sheath.low == 2 and isinstance(sheath.low, int) and sheath.high == Decimal("30.5")
    assert str(sheath) == "2 to 30.5"
    assert Decimal("30.5") in sheath and Decimal("30.6") not in sheath


@pytest.mark.parametrize(
    "limit,problem",
    [
        ({"minimum": 10, "maximum": 1, "source": "s", "verified": False}, "above the maximum"),
        ({"minimum": "0", "maximum": 1, "source": "s", "verified": False}, "must be a number"),
        ({"minimum": 0, "maximum": 1, "verified": False}, "'source'"),
        ({"minimum": 0, "maximum": 1, "source": "s"}, "'verified'"),
    ],
)
def test_a_malformed_limit_is_refused_naming_it(monkeypatch, fresh_limits, limit, problem):
    data = {"limit": [{"quantity": "contrast_ml", **limit}]}
    monkeypatch.setattr(reference, "read_toml", lambda name: data)
    with pytest.raises(reference.LimitError, match=problem):
        reference.contrast_ml()


def test_a_missing_limit_is_named(monkeypatch, fresh_limits):
    monkeypatch.setattr(reference, "read_toml", lambda name: {"limit": []})
    with pytest.raises(reference.LimitError, match="no limit for 'device_quantity'"):
        reference.device_quantity()


def test_the_check_for_load_reference_counts_the_unverified_limits():
    hand_dose = list(reference.hand_dose().values())
    expected = sum(not limit().verified for limit in [*LIMITS, reference.sheath_fr])
    expected += sum(not limit.verified for limit in hand_dose)
    count = len(LIMITS) + 1 + len(hand_dose)
    assert reference.check_reference() == f"{count} case record limits ({expected} unverified)"


def test_a_count_limit_must_be_whole_numbers(monkeypatch, fresh_limits):
    limit = {"quantity": "duration_min", "minimum": 5, "maximum": 7.5, "source": "s"}
    data = {"limit": [{**limit, "verified": False}]}
    monkeypatch.setattr(reference, "read_toml", lambda name: data)
    with pytest.raises(reference.LimitError, match="must be whole numbers"):
        reference.duration_min()
