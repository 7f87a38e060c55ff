import pytest
from django.utils import timezone

from irsuite.cases.models import Procedure
from irsuite.demo.builder import build_demo
from irsuite.demo.context import DemoContext
from irsuite.demo.safety import clinical as clinical_demo
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
    assert ChecklistPhaseCompletion.objects.count() == 3 * signed
    assert SedationRecord.objects.filter(discharged_at__isnull=False).exists()
