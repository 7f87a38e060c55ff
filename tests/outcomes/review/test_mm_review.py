"""M&M review: manual and automatic flags, conclusions, peer scores, conference lists."""

import datetime as dt

import pytest

from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.outcomes.models import ReviewCase
from irsuite.outcomes.review import services as review_services

pytestmark = pytest.mark.django_db


def test_a_case_can_be_flagged_by_hand_with_a_reason(signed_procedure, persona):
    case = review_services.flag_manually(
        signed_procedure, note="Unexpected pain", by=persona("nurse")
    )
    assert case.reasons == ["manual"] and case.flagged_by == persona("nurse").staff


def test_a_manual_flag_needs_a_reason(signed_procedure, persona):
    with pytest.raises(ValidationFailed):
        review_services.flag_manually(signed_procedure, note=" ", by=persona("nurse"))


def test_a_return_to_the_suite_flags_the_earlier_case(make_procedure):
    first = make_procedure("PCN", day_offset=-5)
    make_procedure("DRAIN-DEEP")
    assert ReviewCase.objects.get(procedure=first).reasons == ["return_to_suite"]


def test_a_planned_exchange_is_not_a_return_to_the_suite(make_procedure):
    first = make_procedure("PCN", day_offset=-5)
    make_procedure("PCN-EXCHANGE")
    assert not ReviewCase.objects.filter(procedure=first).exists()


def test_a_peer_reviewer_concludes_with_learning_points(signed_procedure, persona):
    case = review_services.flag_manually(signed_procedure, note="Review", by=persona("nurse"))
    lead = persona("quality_lead")
    with pytest.raises(ValidationFailed, match="learning points"):
        review_services.conclude_review(
            case, outcome="opportunity_for_improvement", learning_points="", by=lead
        )
    review_services.conclude_review(
        case,
        outcome="opportunity_for_improvement",
        learning_points="Check the INR on the day",
        by=lead,
    )
    case.refresh_from_db()
    assert case.outcome == "opportunity_for_improvement" and case.concluded_by == lead.staff


def test_only_peer_reviewers_conclude_and_nobody_scores_their_own_case(signed_procedure, persona):
    case = review_services.flag_manually(signed_procedure, note="Review", by=persona("nurse"))
    with pytest.raises(NotAllowed):
        review_services.conclude_review(
            case, outcome="standard_met", learning_points="", by=persona("fellow")
        )
    with pytest.raises(NotAllowed, match="on this case's team"):
        review_services.score_case(case, score=1, comment="", by=persona("attending"))
    review_services.score_case(
        case, score=2, comment="Would have used US", by=persona("quality_lead")
    )
    with pytest.raises(Conflict):
        review_services.score_case(case, score=1, comment="", by=persona("quality_lead"))


def test_flagged_cases_go_on_a_conference_list(signed_procedure, persona):
    case = review_services.flag_manually(signed_procedure, note="Review", by=persona("nurse"))
    conference = review_services.create_conference(
        held_on=dt.date.today(), title="IR M&M", site=None, by=persona("quality_lead")
    )
    review_services.assign_to_conference(case, conference, by=persona("quality_lead"))
    assert list(conference.cases.all()) == [case]


def test_the_m_and_m_list_is_visible_to_a_quality_lead(client_as, catalogue):
    response = client_as("quality_lead").get("/outcomes/mm/")
    assert response.status_code == 200
    assert b"Morbidity and mortality review" in response.content
