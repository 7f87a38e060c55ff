"""Doses checked against the reference range of the drug and route (sedation_drugs.toml)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.sedation.doses import (
    Dose,
    DoseProblem,
    DoseUnit,
    check_dose,
    convert,
    fingerprint,
    parse_sedation_drugs,
)
from irsuite.reference.loader import read_toml

RAW = read_toml("sedation_drugs.toml")
DRUGS = parse_sedation_drugs(RAW).drugs
MIDAZOLAM, FENTANYL, LIDOCAINE = DRUGS["midazolam"], DRUGS["fentanyl"], DRUGS["lidocaine 1%"]


def mg(amount):
    return Dose(Decimal(str(amount)), DoseUnit.MG)


def test_every_range_has_a_source_and_is_not_yet_verified():
    for drug in RAW["drug"]:
        for route, found in drug["route"].items():
            assert found["source"].strip(), (drug["key"], route)
            assert found["verified"] is False, (drug["key"], route)


def test_midazolam_50_mg_iv_is_above_the_single_and_the_total_dose():
    warnings = check_dose(MIDAZOLAM, "IV", mg(50))
    assert [w.problem for w in warnings] == [DoseProblem.ABOVE_SINGLE, DoseProblem.ABOVE_TOTAL]
    assert warnings[0].message.startswith(
        "Midazolam 50 mg IV is above the usual single dose of 2.5 mg"
    )
    assert "not yet verified locally" in warnings[0].message


def test_a_usual_dose_gives_no_warning():
    assert check_dose(MIDAZOLAM, "IV", mg(1)) == ()
    assert check_dose(FENTANYL, "IV", Dose(Decimal(50), DoseUnit.MICROGRAM)) == ()


def test_the_running_total_of_the_episode_counts():
    warnings = check_dose(MIDAZOLAM, "IV", mg(2), given_before=[mg(2), mg(2)])
    assert [w.problem for w in warnings] == [DoseProblem.ABOVE_TOTAL]
    assert "would total 6 mg in this episode" in warnings[0].message


def test_an_older_adult_has_lower_limits():
    assert check_dose(MIDAZOLAM, "IV", mg(2)) == ()
    warnings = check_dose(MIDAZOLAM, "IV", mg(2), older=True)
    assert "single dose of 1.5 mg for an older adult" in warnings[0].message


def test_units_convert_before_the_check():
    assert check_dose(FENTANYL, "IV", mg("0.05")) == ()
    assert check_dose(FENTANYL, "IV", mg("0.5"))[0].problem is DoseProblem.ABOVE_SINGLE
    assert convert(Dose(Decimal(20), DoseUnit.ML), DoseUnit.MG, LIDOCAINE) == Decimal(200)
    assert check_dose(LIDOCAINE, "SC", Dose(Decimal(35), DoseUnit.ML))[0].problem is (
        DoseProblem.ABOVE_SINGLE
    )


def test_a_route_or_unit_without_a_range_asks_for_a_check():
    assert check_dose(FENTANYL, "PO", mg(1))[0].problem is DoseProblem.NO_RANGE
    units = Dose(Decimal(1), DoseUnit.UNIT)
    assert check_dose(FENTANYL, "IV", units)[0].problem is DoseProblem.UNIT_NOT_COMPARABLE


def test_the_fingerprint_changes_with_what_is_warned():
    fifty, forty = check_dose(MIDAZOLAM, "IV", mg(50)), check_dose(MIDAZOLAM, "IV", mg(40))
    assert fingerprint(fifty) == fingerprint(check_dose(MIDAZOLAM, "IV", mg(50)))
    assert fingerprint(fifty) != fingerprint(forty)


def test_a_file_with_a_range_without_source_is_refused():
    broken = {
        "meta": RAW["meta"],
        "drug": [{**RAW["drug"][0], "route": {"IV": {"unit": "mg", "single_max": 1}}}],
    }
    with pytest.raises(ValueError, match="needs a source and verified"):
        parse_sedation_drugs(broken)


@given(st.decimals(min_value="0.01", max_value="1000", places=2))
def test_a_dose_is_warned_exactly_when_it_is_above_the_single_maximum(amount):
    warned = {w.problem for w in check_dose(MIDAZOLAM, "IV", Dose(amount, DoseUnit.MG))}
    assert (DoseProblem.ABOVE_SINGLE in warned) == (amount > Decimal("2.5"))
