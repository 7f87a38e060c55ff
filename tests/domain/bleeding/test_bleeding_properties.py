"""Properties that hold for every plan the planner accepts to make."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bleeding_data import load_raw
from hypothesis import given, settings
from hypothesis import strategies as st

from irsuite.domain.bleeding import (
    BleedingPlan,
    Labs,
    Medication,
    PlanInput,
    Procedure,
    RiskClass,
    parse_rules,
    plan,
)
from irsuite.domain.catalogue import BleedingRiskClass

RULES = parse_rules(load_raw())
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

drug_names = st.sampled_from(sorted(RULES.names))
medications = st.lists(
    st.builds(
        Medication,
        drug=drug_names,
        last_dose_at=st.none() | st.integers(0, 24 * 20).map(lambda h: NOW - timedelta(hours=h)),
    ),
    max_size=4,
)
labs = st.builds(
    Labs,
    inr=st.none() | st.floats(0.5, 20.0),
    platelets_10e9_per_l=st.none() | st.floats(0.0, 2000.0),
    taken_at=st.none() | st.integers(0, 24 * 60).map(lambda h: NOW - timedelta(hours=h)),
)
requests = st.builds(
    PlanInput,
    procedure=st.sampled_from(list(BleedingRiskClass)).map(lambda r: Procedure("X", r)),
    scheduled_at=st.integers(0, 24 * 30).map(lambda h: NOW + timedelta(hours=h)),
    now=st.just(NOW),
    labs=labs,
    medications=medications.map(tuple),
    arterial_sheath_fr=st.none() | st.floats(2.0, 30.0),
    crcl_ml_min=st.none() | st.floats(0.0, 250.0),
    chronic_liver_disease=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(requests)
def test_a_cleared_plan_has_a_settled_class_and_nothing_blocking(request: PlanInput) -> None:
    result: BleedingPlan = plan(request, RULES)
    if result.cleared:
        assert result.risk_class is not RiskClass.OPERATOR_DECIDES
        assert not result.blocking
    else:
        assert result.blocking or result.risk_class is RiskClass.OPERATOR_DECIDES


@settings(max_examples=300, deadline=None)
@given(requests)
def test_holds_start_before_and_resume_after_the_procedure(request: PlanInput) -> None:
    for hold in plan(request, RULES).holds:
        assert hold.hold_from < request.scheduled_at
        assert hold.resume_after is None or hold.resume_after > request.scheduled_at


@settings(max_examples=200, deadline=None)
@given(requests)
def test_a_high_risk_plan_is_never_cleared_without_current_labs(request: PlanInput) -> None:
    result = plan(request, RULES)
    if result.risk_class is RiskClass.HIGH and result.cleared:
        assert request.labs.inr is not None and request.labs.platelets_10e9_per_l is not None
        assert request.labs.taken_at is not None
