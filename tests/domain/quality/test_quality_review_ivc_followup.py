"""M&M triggers, IVC filter states, funnel-plot data and clinical success at follow-up."""

import tomllib
from datetime import date
from pathlib import Path

import pytest

from irsuite.domain.ae_scales import AeScale, Grading, parse_scale_book
from irsuite.domain.quality.clinical_success import (
    ClinicalSuccess,
    FollowUpFindings,
    ImagingResponse,
    Patency,
    SymptomRelief,
    clinical_success,
)
from irsuite.domain.quality.funnel import FunnelZone
from irsuite.domain.quality.funnel_plot import OperatorCount, build_funnel_plot
from irsuite.domain.quality.ivc import FilterRecord, FilterStatus, filter_state, needs_attention
from irsuite.domain.quality.review import (
    CaseFacts,
    FlagReason,
    automatic_flags,
    flagged_gradings,
    parse_review_triggers,
)

DATA = tomllib.loads(
    (Path(__file__).parents[3] / "src/irsuite/reference/data/ae_scales.toml").read_text("utf-8")
)
BOOK = parse_scale_book(DATA)
TRIGGERS = parse_review_triggers(DATA)
DAY = date(2026, 3, 2)


def test_a_severe_adverse_event_flags_the_case_for_review():
    facts = CaseFacts(DAY, gradings=(Grading(AeScale.SIR_2017, "3"),))
    assert automatic_flags(BOOK, TRIGGERS, facts) == [FlagReason.ADVERSE_EVENT_GRADE]


def test_a_moderate_adverse_event_does_not():
    facts = CaseFacts(
        DAY, gradings=(Grading(AeScale.SIR_2017, "2"), Grading(AeScale.SIR_LEGACY, "B"))
    )
    assert automatic_flags(BOOK, TRIGGERS, facts) == []
    assert flagged_gradings(BOOK, TRIGGERS, facts.gradings) == []


def test_a_return_to_the_suite_within_thirty_days_is_flagged_but_not_on_day_thirty_one():
    assert FlagReason.RETURN_TO_SUITE in automatic_flags(
        BOOK, TRIGGERS, CaseFacts(DAY, next_procedure_on=date(2026, 4, 1))
    )
    assert automatic_flags(BOOK, TRIGGERS, CaseFacts(DAY, next_procedure_on=date(2026, 4, 2))) == []


def test_a_death_within_thirty_days_is_flagged():
    facts = CaseFacts(DAY, died_on=date(2026, 3, 20))
    assert automatic_flags(BOOK, TRIGGERS, facts) == [FlagReason.DEATH]


def test_a_retrieved_filter_reports_its_dwell_time_to_retrieval():
    state = filter_state(FilterRecord(DAY, retrieved_on=date(2026, 4, 1)), today=date(2026, 9, 1))
    assert (state.status, state.dwell_days, state.in_place) == (FilterStatus.RETRIEVED, 30, False)


def test_a_filter_left_without_a_plan_needs_attention_after_the_alert_dwell():
    state = filter_state(FilterRecord(DAY), today=date(2026, 6, 1))
    assert state.status is FilterStatus.NO_PLAN and state.dwell_days == 91
    assert needs_attention(state, dwell_alert_days=90)
    assert not needs_attention(state, dwell_alert_days=120)


def test_a_deliberately_permanent_filter_never_needs_attention():
    state = filter_state(FilterRecord(DAY, deliberately_permanent=True), today=date(2028, 1, 1))
    assert state.status is FilterStatus.PERMANENT
    assert not needs_attention(state, dwell_alert_days=90)


@pytest.mark.parametrize(
    ("record", "status"),
    [
        (FilterRecord(DAY, lost_to_follow_up=True), FilterStatus.LOST_TO_FOLLOW_UP),
        (FilterRecord(DAY, retrieval_planned_on=date(2026, 5, 1)), FilterStatus.RETRIEVAL_PLANNED),
    ],
)
def test_filters_still_in_are_sorted_by_what_is_known(record, status):
    assert filter_state(record, today=date(2026, 4, 1)).status is status


def test_a_retrieval_before_placement_is_refused():
    with pytest.raises(ValueError, match="before it was placed"):
        filter_state(FilterRecord(DAY, retrieved_on=date(2026, 1, 1)), today=DAY)


def test_the_funnel_plot_places_each_operator_and_leaves_out_those_without_cases():
    plot = build_funnel_plot(
        0.04,
        [
            OperatorCount("1", "Dr A", 50, 500),
            OperatorCount("2", "Dr B", 20, 500),
            OperatorCount("3", "Dr C", 0, 0),
        ],
    )
    assert [(p.key, p.zone) for p in plot.points] == [
        ("1", FunnelZone.ABOVE_998),
        ("2", FunnelZone.WITHIN),
    ]
    assert plot.warning[-1].n == 500 and plot.alarm[-1].high > plot.warning[-1].high


def test_the_funnel_plot_draws_and_classifies_at_the_levels_it_is_given():
    operators = [OperatorCount("1", "Dr A", 30, 500)]
    default = build_funnel_plot(0.04, operators)
    wider = build_funnel_plot(0.04, operators, warning_level=0.998, alarm_level=0.9999)
    assert default.points[0].zone is FunnelZone.ABOVE_95
    assert wider.points[0].zone is FunnelZone.WITHIN
    assert {lim.level for lim in wider.warning} == {0.998}
    assert {lim.level for lim in wider.alarm} == {0.9999}


@pytest.mark.parametrize(
    ("findings", "verdict"),
    [
        (FollowUpFindings(patency=Patency.PATENT), ClinicalSuccess.SUCCESS),
        (FollowUpFindings(symptom_relief=SymptomRelief.PARTIAL), ClinicalSuccess.SUCCESS),
        (FollowUpFindings(imaging_response=ImagingResponse.PROGRESSION), ClinicalSuccess.FAILURE),
        (
            FollowUpFindings(patency=Patency.OCCLUDED, symptom_relief=SymptomRelief.COMPLETE),
            ClinicalSuccess.FAILURE,
        ),
        (FollowUpFindings(patency=Patency.STENOSED), ClinicalSuccess.UNKNOWN),
        (FollowUpFindings(), ClinicalSuccess.UNKNOWN),
    ],
)
def test_clinical_success_follows_the_findings_at_follow_up(findings, verdict):
    assert clinical_success(findings) is verdict


def test_planned_returns_such_as_exchanges_are_configured_not_to_count():
    assert "PCN-EXCHANGE" in TRIGGERS.planned_return_codes
    assert "IVCF-RETRIEVE" in TRIGGERS.planned_return_codes
