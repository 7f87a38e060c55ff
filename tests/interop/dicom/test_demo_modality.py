"""The demo's modality plays a case against the server: booked to performed."""

from __future__ import annotations

import pytest
from dicom_peers import server
from django.utils import timezone

from irsuite.cases.models import Procedure, Request
from irsuite.demo.builder import build_demo
from irsuite.demo.context import DemoContext
from irsuite.demo.dicom import area as dicom_demo
from irsuite.demo.dicom.modality import play
from irsuite.demo.safety import clinical as clinical_demo
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


def test_the_demo_modality_starts_the_built_demos_next_case_with_every_gate_in_place() -> None:
    """In the demo department each room's next case is consented with its time-out done, so
    the modality's MPPS starts it through the gates (nothing is switched off here)."""
    ctx = DemoContext(seed=5, procedures=120, now=timezone.now(), quick=True, show_progress=False)
    ctx = build_demo(ctx, say=lambda _: None, areas=False)
    clinical_demo.build(ctx)
    dicom_demo.build(ctx)
    room = ctx.rooms[0]
    lines: list[str] = []
    with server() as port:
        assert play("127.0.0.1", port, room.ae_title, "IRSUITE", lines.append, ctx.now) == 0, lines
    assert PerformedStep.objects.get(status="COMPLETED").procedure.request.room == room
