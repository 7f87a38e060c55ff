"""The planner against a table of cases with their expected plans.

Clock: planned on Mon 23 Nov 2026 09:00 UTC for a start on Tue 1 Dec 2026 08:00 UTC, labs
drawn the day before planning, unless a case says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from irsuite.domain.bleeding import (
    ArterialAccess,
    BleedingRules,
    Labs,
    Medication,
    PlanInput,
    Procedure,
    RiskClass,
    plan,
)
from irsuite.domain.catalogue import BleedingRiskClass

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
DRAWN = NOW - timedelta(days=1)
LOW, HIGH, SHEATH = BleedingRiskClass.LOW, BleedingRiskClass.HIGH, BleedingRiskClass.BY_SHEATH
GOOD = Labs(inr=1.1, platelets_10e9_per_l=220, taken_at=DRAWN)
NO_LABS = Labs()


def at(day: int, hour: int = 0) -> datetime:
    """A moment in late 2026 (November for day >= 20, else December)."""
    month = 11 if day >= 20 else 12
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Case:
    id: str
    risk: BleedingRiskClass
    expect_class: RiskClass
    expect_cleared: bool
    labs: Labs = GOOD
    meds: tuple[str, ...] = ()
    sheath: float | None = None
    access: ArterialAccess | None = None
    crcl: float | None = None
    liver: bool = False
    now: datetime = NOW
    last_dose: datetime | None = None  # of every drug in meds
    # drug id -> (hold_from, resume_after)
    holds: dict[str, tuple[datetime, datetime | None]] = field(default_factory=dict)
    # every one of these must appear in some blocking action
    blocking: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def lab(
    inr: float | None = None,
    plt: float | None = None,
    taken: datetime | None = DRAWN,
    fib: float | None = None,
) -> Labs:
    return Labs(inr=inr, platelets_10e9_per_l=plt, taken_at=taken, fibrinogen_mg_dl=fib)


CASES = [
    # --- risk class from the catalogue and the sheath ------------------------------------
    Case("low_risk_without_drugs_or_labs", LOW, RiskClass.LOW, True, labs=NO_LABS),
    Case(
        "high_risk_without_labs",
        HIGH,
        RiskClass.HIGH,
        False,
        labs=NO_LABS,
        blocking=("Draw an INR", "Draw a platelet count"),
    ),
    Case("high_risk_with_good_labs", HIGH, RiskClass.HIGH, True),
    Case("sheath_4f", SHEATH, RiskClass.LOW, True, sheath=4, access=ArterialAccess.FEMORAL),
    Case("sheath_5f", SHEATH, RiskClass.LOW, True, sheath=5, access=ArterialAccess.FEMORAL),
    Case("sheath_6f", SHEATH, RiskClass.LOW, True, sheath=6, access=ArterialAccess.FEMORAL),
    Case(
        "sheath_6_5f",
        SHEATH,
        RiskClass.OPERATOR_DECIDES,
        False,
        sheath=6.5,
        blocking=("operator decides",),
    ),
    Case(
        "sheath_7f",
        SHEATH,
        RiskClass.OPERATOR_DECIDES,
        False,
        sheath=7,
        blocking=("operator decides",),
    ),
    Case("sheath_8f", SHEATH, RiskClass.HIGH, True, sheath=8),
    Case(
        "sheath_8f_without_labs",
        SHEATH,
        RiskClass.HIGH,
        False,
        sheath=8,
        labs=NO_LABS,
        blocking=("Draw an INR",),
    ),
    Case(
        "sheath_rule_without_a_size",
        SHEATH,
        RiskClass.OPERATOR_DECIDES,
        False,
        blocking=("sheath size",),
    ),
    Case("low_risk_raised_by_8f_sheath", LOW, RiskClass.HIGH, True, sheath=8),
    Case("high_risk_not_lowered_by_4f_sheath", HIGH, RiskClass.HIGH, True, sheath=4),
    # --- laboratory thresholds ----------------------------------------------------------
    Case(
        "high_risk_inr_in_guideline_range",
        HIGH,
        RiskClass.HIGH,
        False,
        labs=lab(1.7, 200),
        blocking=("guideline range 1.5-1.8",),
    ),
    Case(
        "high_risk_inr_above_range",
        HIGH,
        RiskClass.HIGH,
        False,
        labs=lab(2.0, 200),
        blocking=("Correct the INR (2) to 1.8",),
    ),
    Case(
        "high_risk_platelets_45",
        HIGH,
        RiskClass.HIGH,
        False,
        labs=lab(1.0, 45),
        blocking=("Transfuse platelets",),
    ),
    Case("high_risk_platelets_exactly_50", HIGH, RiskClass.HIGH, True, labs=lab(1.0, 50)),
    Case(
        "low_risk_platelets_15",
        LOW,
        RiskClass.LOW,
        False,
        labs=lab(None, 15),
        blocking=("Transfuse platelets",),
    ),
    Case("low_risk_platelets_25", LOW, RiskClass.LOW, True, labs=lab(None, 25)),
    Case(
        "low_risk_inr_2_5_in_range",
        LOW,
        RiskClass.LOW,
        False,
        labs=lab(2.5, 200),
        blocking=("guideline range 2-3",),
    ),
    Case(
        "low_risk_femoral_inr_1_9",
        SHEATH,
        RiskClass.LOW,
        False,
        sheath=5,
        access=ArterialAccess.FEMORAL,
        labs=lab(1.9, 200),
        blocking=("below 1.8 for femoral",),
    ),
    Case(
        "low_risk_radial_inr_2_1",
        SHEATH,
        RiskClass.LOW,
        True,
        sheath=5,
        access=ArterialAccess.RADIAL,
        labs=lab(2.1, 200),
    ),
    Case(
        "low_risk_arterial_site_unknown",
        SHEATH,
        RiskClass.LOW,
        False,
        sheath=5,
        labs=lab(2.0, 200),
        blocking=("femoral",),
        warnings=("access site not given",),
    ),
    Case(
        "high_risk_labs_older_than_window",
        HIGH,
        RiskClass.HIGH,
        False,
        labs=lab(1.0, 200, NOW - timedelta(days=40)),
        blocking=("Draw an INR",),
        warnings=("older than 30 days",),
    ),
    Case(
        "high_risk_labs_without_time",
        HIGH,
        RiskClass.HIGH,
        False,
        labs=lab(1.0, 200, None),
        blocking=("Draw an INR",),
        warnings=("sample time is not given",),
    ),
    Case(
        "high_risk_platelets_missing",
        HIGH,
        RiskClass.HIGH,
        False,
        labs=lab(1.0, None),
        blocking=("Draw a platelet count",),
    ),
    # --- chronic liver disease ----------------------------------------------------------
    Case(
        "liver_high_within_limits",
        HIGH,
        RiskClass.HIGH,
        True,
        liver=True,
        labs=lab(2.3, 35, fib=150),
    ),
    Case(
        "liver_high_platelets_25",
        HIGH,
        RiskClass.HIGH,
        False,
        liver=True,
        labs=lab(1.4, 25, fib=150),
        blocking=("below 30",),
    ),
    Case(
        "liver_low_without_inr",
        LOW,
        RiskClass.LOW,
        False,
        liver=True,
        labs=NO_LABS,
        blocking=("Draw an INR",),
    ),
    Case(
        "liver_high_low_fibrinogen",
        HIGH,
        RiskClass.HIGH,
        False,
        liver=True,
        labs=lab(1.4, 100, fib=80),
        blocking=("cryoprecipitate",),
    ),
    Case(
        "liver_high_inr_2_7",
        HIGH,
        RiskClass.HIGH,
        False,
        liver=True,
        labs=lab(2.7, 100, fib=150),
        blocking=("2.5 or below",),
    ),
    # --- each drug, low and high risk ---------------------------------------------------
    Case(
        "warfarin_low",
        LOW,
        RiskClass.LOW,
        False,
        meds=("warfarin",),
        holds={"warfarin": (at(28), at(2, 8))},
        blocking=("Repeat the INR within 24 h",),
    ),
    Case(
        "warfarin_high",
        HIGH,
        RiskClass.HIGH,
        False,
        meds=("Coumadin",),
        holds={"warfarin": (at(26), at(2, 8))},
        blocking=("Repeat the INR within 24 h",),
    ),
    Case(
        "warfarin_high_on_the_day_with_fresh_inr",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("warfarin",),
        now=START - timedelta(hours=1),
        last_dose=at(25, 18),
        labs=lab(1.2, 200, START - timedelta(hours=3)),
        holds={"warfarin": (at(26), at(2, 8))},
    ),
    Case(
        "warfarin_high_on_the_day_last_dose_unknown",
        HIGH,
        RiskClass.HIGH,
        False,
        meds=("warfarin",),
        now=START - timedelta(hours=1),
        labs=lab(1.2, 200, START - timedelta(hours=3)),
        holds={"warfarin": (at(26), at(2, 8))},
        blocking=("Confirm the last dose of Warfarin",),
    ),
    Case(
        "apixaban_high_dose_taken_inside_the_hold",
        HIGH,
        RiskClass.HIGH,
        False,
        meds=("apixaban",),
        crcl=80,
        now=at(30, 9),
        last_dose=at(30, 8),
        labs=lab(1.0, 200, at(30, 7)),
        holds={"apixaban": (at(29), at(3, 8))},
        blocking=("move the start to Thu 03 Dec 2026 08:00",),
    ),
    Case(
        "heparin_low_needs_inr",
        LOW,
        RiskClass.LOW,
        False,
        meds=("heparin",),
        labs=NO_LABS,
        blocking=("Draw an INR",),
    ),
    Case("heparin_low_with_inr", LOW, RiskClass.LOW, True, meds=("UFH",), labs=lab(1.1)),
    Case(
        "heparin_high",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("unfractionated heparin",),
        holds={"unfractionated_heparin": (at(1, 2), at(1, 20))},
    ),
    Case(
        "enoxaparin_therapeutic_low",
        LOW,
        RiskClass.LOW,
        True,
        meds=("enoxaparin therapeutic",),
        holds={"enoxaparin_therapeutic": (at(30, 20), at(2, 8))},
    ),
    Case(
        "enoxaparin_therapeutic_high",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("Enoxaparin (therapeutic)",),
        holds={"enoxaparin_therapeutic": (at(30, 8), at(3, 8))},
    ),
    Case(
        "enoxaparin_prophylactic_low", LOW, RiskClass.LOW, True, meds=("enoxaparin prophylactic",)
    ),
    Case(
        "enoxaparin_prophylactic_high",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("ENOXAPARIN PROPHYLACTIC",),
        holds={"enoxaparin_prophylactic": (at(30, 20), at(1, 20))},
    ),
    Case(
        "enoxaparin_regimen_unstated",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("Lovenox",),
        holds={"enoxaparin_therapeutic": (at(30, 8), at(3, 8))},
        warnings=("therapeutic or a prophylactic",),
    ),
    Case(
        "apixaban_low",
        LOW,
        RiskClass.LOW,
        True,
        meds=("apixaban",),
        holds={"apixaban": (at(30), at(2, 8))},
    ),
    Case(
        "apixaban_high_crcl_60",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("Eliquis",),
        crcl=60,
        holds={"apixaban": (at(29), at(3, 8))},
    ),
    Case(
        "apixaban_high_crcl_20",
        HIGH,
        RiskClass.HIGH,
        False,
        meds=("apixaban",),
        crcl=20,
        blocking=("no automatic rule",),
    ),
    Case(
        "apixaban_high_crcl_unknown",
        HIGH,
        RiskClass.HIGH,
        False,
        meds=("apixaban",),
        holds={"apixaban": (at(29), at(3, 8))},
        blocking=("creatinine clearance",),
    ),
    Case(
        "rivaroxaban_low",
        LOW,
        RiskClass.LOW,
        True,
        meds=("rivaroxaban",),
        holds={"rivaroxaban": (at(30), at(2, 8))},
    ),
    Case(
        "rivaroxaban_high_crcl_45",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("Xarelto",),
        crcl=45,
        holds={"rivaroxaban": (at(29), at(3, 8))},
    ),
    Case(
        "rivaroxaban_high_crcl_20",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("rivaroxaban",),
        crcl=20,
        holds={"rivaroxaban": (at(28), at(3, 8))},
    ),
    Case(
        "rivaroxaban_high_crcl_10",
        HIGH,
        RiskClass.HIGH,
        False,
        meds=("rivaroxaban",),
        crcl=10,
        blocking=("CrCl below 15",),
    ),
    Case(
        "dabigatran_low_crcl_80",
        LOW,
        RiskClass.LOW,
        True,
        meds=("dabigatran",),
        crcl=80,
        holds={"dabigatran": (at(30), at(2, 8))},
    ),
    Case(
        "dabigatran_low_crcl_40",
        LOW,
        RiskClass.LOW,
        True,
        meds=("Pradaxa",),
        crcl=40,
        holds={"dabigatran": (at(29), at(2, 8))},
    ),
    Case(
        "dabigatran_low_crcl_25",
        LOW,
        RiskClass.LOW,
        False,
        meds=("dabigatran",),
        crcl=25,
        blocking=("CrCl below 30",),
    ),
    Case(
        "dabigatran_high_crcl_50",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("dabigatran",),
        crcl=50,
        holds={"dabigatran": (at(29), at(3, 8))},
    ),
    Case(
        "dabigatran_high_crcl_49_9",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("dabigatran",),
        crcl=49.9,
        holds={"dabigatran": (at(27), at(3, 8))},
    ),
    Case(
        "dabigatran_high_crcl_unknown",
        HIGH,
        RiskClass.HIGH,
        False,
        meds=("dabigatran",),
        holds={"dabigatran": (at(27), at(3, 8))},
        blocking=("creatinine clearance",),
    ),
    Case(
        "edoxaban_low",
        LOW,
        RiskClass.LOW,
        True,
        meds=("edoxaban",),
        crcl=70,
        holds={"edoxaban": (at(30), at(2, 8))},
    ),
    Case(
        "edoxaban_high",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("Lixiana",),
        crcl=70,
        holds={"edoxaban": (at(29), at(3, 8))},
    ),
    Case("aspirin_low", LOW, RiskClass.LOW, True, meds=("aspirin",)),
    Case(
        "aspirin_high",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("Aspirin 81 mg",),
        holds={"aspirin_low_dose": (at(26), at(2, 8))},
    ),
    Case("clopidogrel_low", LOW, RiskClass.LOW, True, meds=("clopidogrel",)),
    Case(
        "clopidogrel_high",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("Plavix",),
        holds={"clopidogrel": (at(26), at(2, 8))},
    ),
    Case("prasugrel_low", LOW, RiskClass.LOW, True, meds=("prasugrel",)),
    Case(
        "prasugrel_high",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("Effient",),
        holds={"prasugrel": (at(24), at(2, 8))},
    ),
    Case("ticagrelor_low", LOW, RiskClass.LOW, True, meds=("ticagrelor",)),
    Case(
        "ticagrelor_high",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("Brilinta",),
        holds={"ticagrelor": (at(26), at(2, 8))},
    ),
    Case(
        "apixaban_and_clopidogrel_high",
        HIGH,
        RiskClass.HIGH,
        True,
        meds=("apixaban", "clopidogrel"),
        crcl=90,
        holds={"apixaban": (at(29), at(3, 8)), "clopidogrel": (at(26), at(2, 8))},
    ),
    Case(
        "operator_decides_case_planned_with_high_holds",
        SHEATH,
        RiskClass.OPERATOR_DECIDES,
        False,
        sheath=7,
        meds=("clopidogrel",),
        holds={"clopidogrel": (at(26), at(2, 8))},
    ),
]


def make_input(case: Case) -> PlanInput:
    return PlanInput(
        procedure=Procedure(code="TEST", risk=case.risk, name=case.id),
        scheduled_at=START,
        now=case.now,
        labs=case.labs,
        medications=tuple(Medication(drug=name, last_dose_at=case.last_dose) for name in case.meds),
        arterial_sheath_fr=case.sheath,
        arterial_access=case.access,
        crcl_ml_min=case.crcl,
        chronic_liver_disease=case.liver,
    )


def test_the_table_covers_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_it_gives_the_expected_plan(case: Case, rules: BleedingRules) -> None:
    result = plan(make_input(case), rules)
    blocking_text = " | ".join(line.text for line in result.blocking)
    assert result.risk_class is case.expect_class
    assert result.cleared is case.expect_cleared, blocking_text
    got = {hold.drug: (hold.hold_from, hold.resume_after) for hold in result.holds}
    assert got == case.holds
    for fragment in case.blocking:
        assert fragment.lower() in blocking_text.lower(), blocking_text
    warning_text = " | ".join(line.text for line in result.warnings)
    for fragment in case.warnings:
        assert fragment.lower() in warning_text.lower(), warning_text
    if case.expect_cleared:
        assert not result.blocking


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_every_line_cites_a_rule_and_a_source(case: Case, rules: BleedingRules) -> None:
    result = plan(make_input(case), rules)
    for line in (*result.actions, *result.reasons, *result.warnings):
        assert line.rule and line.source, line
    for hold in result.holds:
        assert hold.rule.startswith("drug.") and hold.source
        assert hold.verified is False
