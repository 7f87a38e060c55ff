"""The shipped reference data and its parser."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from irsuite.domain.bleeding import BleedingRules, HoldKind, RiskClass, RulesError, parse_rules
from irsuite.domain.bleeding.inputs import resolve_drug

DOMAIN_DRUGS = {
    "warfarin",
    "unfractionated_heparin",
    "enoxaparin_therapeutic",
    "enoxaparin_prophylactic",
    "apixaban",
    "rivaroxaban",
    "dabigatran",
    "aspirin_low_dose",
    "clopidogrel",
    "prasugrel",
    "ticagrelor",
}


def test_it_holds_every_drug_of_the_domain_notes(rules: BleedingRules) -> None:
    assert set(rules.drugs) >= DOMAIN_DRUGS


def test_every_hold_rule_is_marked_unverified(rules: BleedingRules) -> None:
    for drug in rules.drugs.values():
        for hold in drug.holds:
            assert hold.provenance.verified is False, hold.provenance.rule
            assert hold.provenance.source


def test_the_arterial_inr_rule_and_sheath_rule_are_unverified(rules: BleedingRules) -> None:
    assert rules.arterial.provenance.verified is False
    assert rules.sheath.provenance.verified is False
    assert rules.liver_disease.provenance.verified is False


def test_it_reads_the_sir_thresholds(rules: BleedingRules) -> None:
    assert rules.labs_high.thresholds.platelets_transfuse_below == 50
    assert rules.labs_low.thresholds.platelets_transfuse_below == 20
    assert (
        rules.labs_high.thresholds.inr_ok_max,
        rules.labs_high.thresholds.inr_correct_above,
    ) == (
        1.5,
        1.8,
    )
    assert (rules.arterial.femoral_inr_below, rules.arterial.radial_inr_below) == (1.8, 2.2)
    assert (rules.sheath.low_max_fr, rules.sheath.high_above_fr) == (6, 7)


def test_every_drug_has_a_rule_for_both_risk_classes(rules: BleedingRules) -> None:
    for drug in rules.drugs.values():
        assert drug.holds_for(RiskClass.LOW) and drug.holds_for(RiskClass.HIGH), drug.id


@pytest.mark.parametrize("drug_id", ["apixaban", "rivaroxaban", "dabigatran", "edoxaban"])
@pytest.mark.parametrize("risk", [RiskClass.LOW, RiskClass.HIGH])
def test_renal_bands_leave_no_gap_from_zero_upwards(
    rules: BleedingRules, drug_id: str, risk: RiskClass
) -> None:
    holds = rules.drugs[drug_id].holds_for(risk)
    if not any(h.renal for h in holds):
        return
    for crcl in [x / 2 for x in range(0, 400)]:
        covering = [h for h in holds if h.covers(crcl)]
        assert len(covering) == 1, (drug_id, risk, crcl)


@pytest.mark.parametrize(
    ("written", "drug_id"),
    [
        ("Warfarin", "warfarin"),
        ("  COUMADIN ", "warfarin"),
        ("eliquis", "apixaban"),
        ("Xarelto", "rivaroxaban"),
        ("pradaxa", "dabigatran"),
        ("Plavix", "clopidogrel"),
        ("Brilinta", "ticagrelor"),
        ("Effient", "prasugrel"),
        ("ASA", "aspirin_low_dose"),
        ("heparin", "unfractionated_heparin"),
        ("enoxaparin_prophylactic", "enoxaparin_prophylactic"),
        ("Enoxaparin,  therapeutic dose", "enoxaparin_therapeutic"),
    ],
)
def test_it_finds_a_drug_by_any_of_its_names(
    rules: BleedingRules, written: str, drug_id: str
) -> None:
    found = resolve_drug(written, rules)
    assert found is not None and found[0].id == drug_id


def test_an_ambiguous_name_is_resolved_with_a_question(rules: BleedingRules) -> None:
    found = resolve_drug("Enoxaparin", rules)
    assert found is not None
    drug, ask = found
    assert drug.id == "enoxaparin_therapeutic" and ask and "prophylactic" in ask


def test_none_holds_and_day_holds_are_typed(rules: BleedingRules) -> None:
    clopidogrel = rules.drugs["clopidogrel"]
    assert clopidogrel.holds_for(RiskClass.LOW)[0].kind is HoldKind.NONE
    assert clopidogrel.holds_for(RiskClass.HIGH)[0].days == 5


def _broken(raw: dict[str, Any], path: tuple[str, ...], value: object) -> dict[str, Any]:
    data = copy.deepcopy(raw)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("labs", "high", "inr_ok_max"), "1.5", "inr_ok_max"),
        (("labs", "high", "verified"), "no", "verified"),
        (("sheath", "low_max_fr"), 9.0, "low_max_fr"),
        (("plausible", "inr"), [5.0, 1.0], "inr"),
        (("lab_validity", "inr_recent_with"), ["warfarine"], "warfarine"),
    ],
)
def test_it_refuses_broken_reference_data_naming_the_key(
    raw_rules: dict[str, Any], path: tuple[str, ...], value: object, message: str
) -> None:
    with pytest.raises(RulesError, match=message):
        parse_rules(_broken(raw_rules, path, value))


def test_it_refuses_a_drug_without_a_high_risk_rule(raw_rules: dict[str, Any]) -> None:
    data = copy.deepcopy(raw_rules)
    data["drug"][0]["hold"] = [h for h in data["drug"][0]["hold"] if h["risk"] == "low"]
    with pytest.raises(RulesError, match="no hold rule for high risk"):
        parse_rules(data)


def test_it_refuses_a_name_given_to_two_drugs(raw_rules: dict[str, Any]) -> None:
    data = copy.deepcopy(raw_rules)
    data["drug"][1]["synonyms"].append("Coumadin")
    with pytest.raises(RulesError, match="Coumadin"):
        parse_rules(data)
