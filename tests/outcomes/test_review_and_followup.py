"""M&M review, follow-up clinic and device follow-up."""

import datetime as dt

import pytest
from django.utils import timezone

from irsuite.cases.models import Procedure
from irsuite.domain.catalogue import FollowUpKind
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.outcomes.devices import services as device_services
from irsuite.outcomes.devices.queries import filter_report
from irsuite.outcomes.followup.models import FollowUpSource, FollowUpStatus
from irsuite.outcomes.followup.services import create_follow_up_task
from irsuite.outcomes.followup.visit_services import (
    VisitFindings,
    book_visit,
    due_tasks,
    is_overdue,
    record_visit,
)
from irsuite.outcomes.models import IvcFilter, QualityFact, ReviewCase
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


@pytest.fixture
def task(signed_procedure, persona):
    return create_follow_up_task(
        patient=signed_procedure.request.patient,
        kind=FollowUpKind.CLINIC,
        source=FollowUpSource.CATALOGUE,
        description="Clinic review",
        due_date=timezone.localdate() - dt.timedelta(days=10),
        window_days=7,
        by=persona("attending"),
        procedure=signed_procedure,
        assigned_to=persona("attending").staff,
    )


def test_a_task_past_its_window_is_overdue_and_on_the_clinicians_list(task, persona):
    today = timezone.localdate()
    assert is_overdue(task, today)
    assert not is_overdue(task, task.due_date + dt.timedelta(days=7))
    assert list(due_tasks(persona("attending").staff, today)) == [task]
    assert list(due_tasks(persona("fellow").staff, today)) == []


def test_a_visit_records_findings_and_clinical_success_and_closes_the_task(task, persona):
    visit = book_visit(
        patient=task.patient,
        clinician=persona("attending").staff,
        mode="telehealth",
        booked_for=timezone.localdate(),
        by=persona("nurse"),
        procedure=task.procedure,
        task=task,
    )
    record_visit(
        visit, VisitFindings(symptom_relief="complete", notes="Well"), by=persona("attending")
    )
    visit.refresh_from_db()
    task.refresh_from_db()
    assert visit.clinical_success == "success" and visit.status == "attended"
    assert task.status == FollowUpStatus.DONE


def test_a_visit_cannot_be_before_the_procedure(signed_procedure, persona):
    with pytest.raises(ValidationFailed):
        book_visit(
            patient=signed_procedure.request.patient,
            clinician=persona("attending").staff,
            mode="in_person",
            booked_for=signed_procedure.day - dt.timedelta(days=1),
            by=persona("nurse"),
            procedure=signed_procedure,
        )


def test_clinical_success_at_follow_up_feeds_the_indicator(make_procedure, persona):
    ufe = make_procedure("UFE")
    assert not QualityFact.objects.filter(procedure=ufe, indicator="clinical_success").exists()
    visit = book_visit(
        patient=ufe.request.patient,
        clinician=persona("attending").staff,
        mode="in_person",
        booked_for=timezone.localdate(),
        by=persona("nurse"),
        procedure=ufe,
    )
    record_visit(visit, VisitFindings(symptom_relief="none"), by=persona("attending"))
    assert QualityFact.objects.get(procedure=ufe, indicator="clinical_success").event is False


def test_a_signed_filter_placement_is_followed_until_retrieval(make_procedure, persona):
    placement = make_procedure("IVCF-PLACE", day_offset=-1)
    item = IvcFilter.objects.get(placement=placement)
    rows = filter_report(timezone.localdate() + dt.timedelta(days=100))
    assert rows[0].state.status.value == "no_plan" and rows[0].needs_attention
    device_services.plan_retrieval(
        item, on=timezone.localdate() + dt.timedelta(days=20), by=persona("nurse")
    )
    retrieval = make_procedure("IVCF-RETRIEVE")
    item.refresh_from_db()
    assert item.retrieved_on == retrieval.day and item.retrieval_id == retrieval.pk
    assert filter_report(timezone.localdate(), in_place=True) == []


def test_a_permanent_filter_needs_a_reason(make_procedure, persona):
    item = IvcFilter.objects.get(placement=make_procedure("IVCF-PLACE"))
    with pytest.raises(ValidationFailed):
        device_services.keep_permanently(item, reason="", by=persona("attending"))
    device_services.keep_permanently(
        item, reason="Lifelong contraindication", by=persona("attending")
    )
    row = filter_report(timezone.localdate() + dt.timedelta(days=400))[0]
    assert row.state.status.value == "permanent" and not row.needs_attention


def test_the_ivc_report_page_lists_filters(client_as, make_procedure):
    make_procedure("IVCF-PLACE")
    response = client_as("nurse").get("/outcomes/ivc-filters/")
    assert response.status_code == 200 and len(response.context["rows"]) == 1


def test_signing_twice_does_not_follow_a_filter_twice(make_procedure):
    placement = make_procedure("IVCF-PLACE")
    Procedure.objects.get(pk=placement.pk).save()
    assert IvcFilter.objects.filter(placement=placement).count() == 1
