"""Follow-up clinic: due and overdue tasks, visits, findings and clinical success."""

import datetime as dt

import pytest
from django.utils import timezone

from irsuite.domain.catalogue import FollowUpKind
from irsuite.errors import ValidationFailed
from irsuite.outcomes.followup.models import FollowUpSource, FollowUpStatus
from irsuite.outcomes.followup.queries import due_tasks, is_overdue
from irsuite.outcomes.followup.services import (
    VisitFindings,
    book_visit,
    create_follow_up_task,
    record_visit,
)
from irsuite.outcomes.models import QualityFact

pytestmark = pytest.mark.django_db


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
