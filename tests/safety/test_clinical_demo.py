import pytest
from django.utils import timezone

from irsuite.cases.models import Procedure, Request, RequestStatus
from irsuite.demo.builder import build_demo
from irsuite.demo.context import DemoContext
from irsuite.demo.safety import clinical as clinical_demo
from irsuite.safety.checklist import gate
from irsuite.safety.models import (
    ChecklistPhaseCompletion,
    Consent,
    ConsentStatus,
    ProcedureReport,
    SedationRecord,
)

pytestmark = pytest.mark.django_db


def test_the_demo_gives_past_cases_a_signed_consent_a_full_checklist_and_a_signed_report():
    ctx = DemoContext(seed=5, procedures=120, now=timezone.now(), quick=True, show_progress=False)
    ctx = build_demo(ctx, say=lambda _: None, areas=False)
    clinical_demo.build(ctx)
    signed = Procedure.objects.filter(signed_at__isnull=False).count()
    reports = ProcedureReport.objects.filter(status="signed")
    assert signed > 50
    assert reports.count() == signed
    assert all(r.sections["indication"] for r in reports[:20])
    assert Consent.objects.filter(status=ConsentStatus.SIGNED).count() >= signed
    past = ChecklistPhaseCompletion.objects.filter(checklist__request__procedure__isnull=False)
    assert past.count() == 3 * signed
    assert SedationRecord.objects.filter(discharged_at__isnull=False).exists()


def test_each_rooms_next_case_today_may_start_and_a_later_one_shows_the_gate():
    ctx = DemoContext(seed=5, procedures=120, now=timezone.now(), quick=True, show_progress=False)
    ctx = build_demo(ctx, say=lambda _: None, areas=False)
    clinical_demo.build(ctx)
    today = Request.objects.filter(scheduled_start__date=ctx.today)
    ready = today.filter(status=RequestStatus.READY)
    assert ready.count() == len(ctx.rooms)
    assert all(gate.start_problems(request) == [] for request in ready)
    later = today.filter(status=RequestStatus.SCHEDULED).first()
    assert later is not None and "the patient's consent is not signed" in gate.start_problems(later)
