"""The demo's modality plays a case against the server: booked to performed."""

from __future__ import annotations

import pytest
from dicom_peers import server
from django.utils import timezone

from irsuite.cases.models import Procedure, Request
from irsuite.demo.dicom.modality import play
from irsuite.dose.studies.models import DoseStudy
from irsuite.interop.dicom.models import PerformedStep
from irsuite.safety.checklist import gate

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_modality_takes_a_booked_case_to_performed_with_its_dose(
    ready_request: Request, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gate, "start_problems", lambda request: [])
    lines: list[str] = []
    now = timezone.localtime()
    with server() as port:
        assert play("127.0.0.1", port, "SBH_ANGIO1", "IRSUITE", lines.append, now) == 0
    procedure = Procedure.objects.get(request=ready_request)
    assert procedure.end_at is not None
    assert PerformedStep.objects.get().status == "COMPLETED"
    assert DoseStudy.objects.get().procedure == procedure  # MPPS and dose join one procedure
