import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.deidentify import (
    AGED_GROUP,
    Deidentifier,
    Rule,
    SafeHarborIdentifier,
    age_group,
    birth_year,
)

KEY = b"k" * 32
OTHER_KEY = b"o" * 32
TODAY = dt.date(2026, 12, 6)


def deid(key: bytes = KEY) -> Deidentifier:
    return Deidentifier(key=key, today=TODAY)


def test_safe_harbor_lists_eighteen_kinds_of_identifier():
    assert len(SafeHarborIdentifier) == 18


def test_a_short_key_is_refused():
    with pytest.raises(ValueError, match="at least 32 bytes"):
        Deidentifier(key=b"short")


def test_a_research_id_is_stable_for_a_patient_and_never_the_primary_key():
    first, again = deid().research_id(42), deid().research_id(42)
    assert first == again
    assert "42" not in first.removeprefix("R-")
    assert first != deid().research_id(43)


def test_a_research_id_depends_on_the_site_key():
    assert deid().research_id(42) != deid(OTHER_KEY).research_id(42)


def test_staff_pseudonyms_are_stable_and_differ_from_research_ids():
    assert deid().staff_pseudonym(7) == deid().staff_pseudonym(7)
    assert deid().staff_pseudonym(7).startswith("S-")
    assert deid().staff_pseudonym(7) != deid().research_id(7)


@given(st.integers(min_value=1, max_value=10**9))
def test_every_patient_gets_a_nonzero_shift_within_the_bound(patient):
    shift = deid().shift_days(patient)
    assert shift != 0
    assert abs(shift) <= 182


@given(
    st.integers(min_value=1, max_value=10**6),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 1, 1)),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 1, 1)),
)
def test_shifting_keeps_the_interval_between_a_patients_dates(patient, first, second):
    d = deid()
    assert d.shift(patient, second) - d.shift(patient, first) == second - first


def test_a_date_time_loses_its_time_of_day():
    row = {"start": dt.datetime(2026, 3, 4, 13, 37)}
    out = deid().apply(row, {"start": Rule.DATE}, patient_key=1)
    assert out["start"] == (dt.date(2026, 3, 4) + dt.timedelta(deid().shift_days(1))).isoformat()
    assert ":" not in out["start"]


def test_a_field_without_a_rule_is_dropped():
    row = {"patient": 1, "accession_number": "ACC123", "free_text": "Mr Smith", "kap": 3.2}
    out = deid().apply(row, {"patient": Rule.RESEARCH_ID, "kap": Rule.KEEP}, patient_key=1)
    assert set(out) == {"patient", "kap"}
    assert "ACC123" not in str(out)
    assert "Smith" not in str(out)


def test_empty_values_stay_empty():
    out = deid().apply(
        {"end": None, "operator": ""}, {"end": Rule.DATE, "operator": Rule.STAFF}, patient_key=1
    )
    assert out == {"end": None, "operator": None}


@pytest.mark.parametrize(("years", "shown"), [(0, 0), (89, 89), (90, 90), (104, 104)])
def test_ages_over_89_are_grouped(years, shown):
    expected = AGED_GROUP if years > 89 else shown
    assert age_group(years) == expected


def test_a_birth_year_that_reveals_an_age_over_89_is_grouped():
    assert birth_year(dt.date(1936, 12, 7), TODAY) == 1936  # 89 until tomorrow
    assert birth_year(dt.date(1936, 12, 6), TODAY) == AGED_GROUP  # 90 today
    assert birth_year(dt.date(1980, 5, 1), TODAY) == 1980


def test_the_year_rule_reports_the_shifted_year_only():
    d = deid()
    out = d.apply({"day": dt.date(2026, 6, 30)}, {"day": Rule.YEAR}, patient_key=5)
    assert out["day"] == d.shift(5, dt.date(2026, 6, 30)).year
