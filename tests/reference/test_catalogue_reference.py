"""The procedure catalogue reference data covers the service and loads idempotently."""

from __future__ import annotations

import pytest

from irsuite.cases.catalogue.services import load_catalogue
from irsuite.cases.models import CatalogueEntry, CatalogueVersion
from irsuite.domain.catalogue import CatalogueError, Family, parse_catalogue
from irsuite.reference.loader import read_catalogue, read_toml


def test_the_catalogue_has_at_least_45_entries_covering_every_family() -> None:
    catalogue, _ = read_catalogue()
    assert len(catalogue.entries) >= 45
    assert {e.family for e in catalogue.entries} == set(Family)


def test_every_entry_carries_the_attributes_the_rules_need() -> None:
    catalogue, _ = read_catalogue()
    for entry in catalogue.entries:
        assert entry.source, entry.code
        assert entry.cpt, f"{entry.code} has no CPT code"
        assert entry.consent.risks and entry.consent.alternatives, entry.code
        assert entry.quality, f"{entry.code} has no quality indicator"
        assert any(
            "no treatment" in a.lower() or "not having" in a.lower()
            for a in entry.consent.alternatives
        ), f"{entry.code}: no-treatment alternative"


def test_every_clinical_value_says_where_it_comes_from_and_whether_it_is_verified() -> None:
    # Read the file itself: the parser defaults a missing flag, which would hide it here.
    raw = read_toml("catalogue.toml")
    assert raw["meta"]["version"] and raw["meta"]["source"]
    values = [(entry["code"], entry) for entry in raw["entry"]] + [
        (f"{entry['code']} {q['indicator']}", q) for entry in raw["entry"] for q in entry["quality"]
    ]
    for where, value in values:
        assert isinstance(value.get("source"), str) and value["source"].strip(), where
        assert isinstance(value.get("verified"), bool), where


@pytest.mark.django_db
def test_loading_twice_changes_nothing_the_second_time() -> None:
    first = load_catalogue()
    second = load_catalogue()
    assert first.created >= 45 and first.updated == 0
    assert second.created == 0 and second.updated == 0 and second.unchanged == first.created
    assert CatalogueVersion.objects.count() == 1


@pytest.mark.django_db
def test_an_entry_removed_from_the_file_is_withdrawn_not_deleted(tmp_path) -> None:
    load_catalogue()
    text = (read_catalogue.__globals__["DATA_DIR"] / "catalogue.toml").read_text()
    head, _, rest = text.partition("[[entry]]")
    _, _, remainder = rest.partition("[[entry]]")
    shorter = tmp_path / "catalogue.toml"
    shorter.write_text(head + "[[entry]]" + remainder)
    result = load_catalogue(shorter)
    assert result.deactivated == 1
    assert CatalogueEntry.objects.filter(active=False).count() == 1


def test_a_bad_entry_is_refused_naming_the_entry_and_field() -> None:
    data = {
        "meta": {"version": "x", "source": "y"},
        "entry": [
            {
                "code": "BAD",
                "name": "Bad",
                "family": "cardiac",
                "vascular": True,
                "bleeding_risk": "low",
                "fluoro_dose_expected": True,
                "default_duration_min": 30,
                "room_capability": "angio",
                "source": "test",
            }
        ],
    }
    with pytest.raises(CatalogueError, match="catalogue entry BAD: 'family' is 'cardiac'"):
        parse_catalogue(data)


def test_a_duplicate_code_is_refused() -> None:
    entry = {
        "code": "DUP",
        "name": "Dup",
        "family": "venous",
        "vascular": True,
        "bleeding_risk": "low",
        "fluoro_dose_expected": True,
        "default_duration_min": 30,
        "room_capability": "angio",
        "source": "test",
    }
    with pytest.raises(CatalogueError, match="used twice"):
        parse_catalogue({"meta": {"version": "1", "source": "s"}, "entry": [entry, entry]})
