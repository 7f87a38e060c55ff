"""The demo hook gives booked cases a work-up, and today's ready cases a signed plan."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from irsuite.cases.models import RequestStatus
from irsuite.cases.requests import services
from irsuite.demo.context import DemoContext
from irsuite.demo.safety import workup as workup_demo
from irsuite.safety.workup.models import WorkUp, WorkUpLab


def test_booked_and_ready_cases_get_work_ups(ready_request, room, persona, patient, site) -> None:  # type: ignore[no-untyped-def]
    later = services.create_request(
        by=persona("referrer"),
        patient=patient,
        site=site,
        entry=services.catalogue_entry("PCN"),
        indication="Obstructed right kidney",
    )
    services.vet(later, by=persona("attending"), accept=True, note="Agree")
    services.schedule_request(
        later, room=room, by=persona("scheduler"), start=timezone.now() + dt.timedelta(days=2)
    )
    ctx = DemoContext(seed=3, procedures=10, now=timezone.now(), quick=True, show_progress=False)
    ctx.staff("attending")
    workup_demo.build(ctx)
    ready = WorkUp.objects.get(request=ready_request)
    booked = WorkUp.objects.get(request=later)
    assert ready_request.status == RequestStatus.READY
    assert ready.signed_at is not None and ready.signed_plan is not None
    assert WorkUpLab.objects.filter(workup=booked, kind="inr").exists()
    assert booked.asa_class and booked.sedation_plan


def test_every_demo_drug_is_matched_to_its_reference_drug() -> None:
    from irsuite.safety.workup.reference import bleeding_rules

    ids = {workup_demo._drug_id(name) for name, _dose, _share in workup_demo.DRUGS}
    assert ids <= set(bleeding_rules().drugs)
    assert "aspirin_low_dose" in ids
