"""The DICOM pages: a room's worklist as the modality sees it, MPPS per room and day, the
steps to link, and the procedure page saying where its times came from."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.cases.models import Procedure, Request
from irsuite.interop.dicom.models import MatchedBy, PerformedStep, ScheduledStep
from irsuite.interop.dicom.mpps.services import (
    PpsMessage,
    StepReference,
    create_performed_step,
)
from irsuite.safety.checklist import gate

pytestmark = pytest.mark.django_db


def test_the_rooms_worklist_page_shows_the_dicom_attributes(
    client_as, scheduled_request: Request
) -> None:
    step = ScheduledStep.objects.get(request=scheduled_request)
    day = step.start_date.isoformat()
    page = client_as("nurse").get(f"/interop/dicom/worklist/{scheduled_request.room_id}/{day}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert step.study_instance_uid in text and step.sps_id in text
    assert "Example^Ada" in text
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, patient_id=scheduled_request.patient_id
    ).exists()


def test_mpps_times_are_shown_as_coming_from_the_modality(
    client_as, ready_request: Request, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gate, "start_problems", lambda request: [])
    started = timezone.now() - dt.timedelta(hours=1)
    step = ScheduledStep.objects.get(request=ready_request)
    create_performed_step(
        "1.2.3.4",
        PpsMessage(
            status="IN PROGRESS",
            references=(StepReference(sps_id=step.sps_id),),
            started_at=started,
        ),
        "SBH_ANGIO1",
    )
    procedure = Procedure.objects.get(request=ready_request)
    page = client_as("nurse").get(f"/cases/procedures/{procedure.pk}/")
    assert page.status_code == 200
    assert "MPPS from SBH_ANGIO1" in page.content.decode()
    day = timezone.localdate(started).isoformat()
    mpps = client_as("nurse").get(f"/interop/dicom/mpps/{procedure.room_id}/{day}/")
    assert ready_request.accession_number in mpps.content.decode()


def test_the_team_links_an_unmatched_step_by_accession_number(
    client_as, open_procedure: Procedure
) -> None:
    pps = create_performed_step(
        "1.2.3.5",
        PpsMessage(status="IN PROGRESS", patient_id="X1", started_at=timezone.now()),
        "SBH_ANGIO1",
    )
    assert pps.matched_by == MatchedBy.NONE
    client = client_as("attending")
    assert "X1" in client.get("/interop/dicom/unmatched/").content.decode()
    client.post(
        f"/interop/dicom/unmatched/{pps.pk}/link/",
        {"accession_number": open_procedure.request.accession_number},
    )
    pps = PerformedStep.objects.get(pk=pps.pk)
    assert pps.matched_by == MatchedBy.HAND and pps.procedure == open_procedure


def test_a_nurse_cannot_link_and_a_referrer_cannot_see_the_worklist(client_as) -> None:
    assert client_as("referrer").get("/interop/dicom/").status_code == 403
    assert client_as("coder").post("/interop/dicom/unmatched/1/link/").status_code == 403
