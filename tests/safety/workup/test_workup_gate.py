"""The readiness gate: a request becomes ready only with a cleared, signed plan, or when an
attending overrides with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
import test_workup_helpers as helpers
from django.utils import timezone

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.cases.models import RequestStatus
from irsuite.cases.requests import services
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.safety.checklist import services as checklist_services
from irsuite.safety.workup import services as svc

pytestmark = pytest.mark.usefixtures("gate")
booked_request = helpers.booked_request
gate = helpers.gate


def cleared_workup(request, persona):  # type: ignore[no-untyped-def]
    nurse = persona("nurse")
    workup = svc.start_workup(request, by=nurse)
    taken = timezone.now() - dt.timedelta(hours=1)
    svc.record_lab(workup, "inr", 1.1, taken, by=nurse)
    svc.record_lab(workup, "platelets", 240, taken, by=nurse)
    return workup


def test_a_request_without_a_work_up_cannot_become_ready(booked_request, persona) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict, match="No pre-procedure work-up"):
        services.transition(booked_request, RequestStatus.READY, by=persona("nurse"))


def test_a_cleared_but_unsigned_plan_keeps_the_gate_shut(booked_request, persona) -> None:  # type: ignore[no-untyped-def]
    cleared_workup(booked_request, persona)
    with pytest.raises(Conflict, match="not been signed"):
        services.transition(booked_request, RequestStatus.READY, by=persona("nurse"))


def test_a_cleared_signed_plan_lets_the_request_become_ready(booked_request, persona) -> None:  # type: ignore[no-untyped-def]
    workup = cleared_workup(booked_request, persona)
    svc.sign_workup(workup, by=persona("fellow"))
    moved = services.transition(booked_request, RequestStatus.READY, by=persona("nurse"))
    assert moved.status == RequestStatus.READY
    assert checklist_services.bleeding_plan_cleared(moved)


def test_a_platelet_count_below_fifty_keeps_a_high_risk_case_from_ready(
    booked_request,
    persona,  # type: ignore[no-untyped-def]
) -> None:
    workup = cleared_workup(booked_request, persona)
    svc.record_lab(workup, "platelets", 38, timezone.now(), by=persona("nurse"))
    svc.sign_workup(workup, by=persona("attending"))
    with pytest.raises(Conflict, match="Transfuse platelets"):
        services.transition(booked_request, RequestStatus.READY, by=persona("nurse"))
    assert not checklist_services.bleeding_plan_cleared(booked_request)


def test_a_change_after_signing_clears_the_signature(booked_request, persona) -> None:  # type: ignore[no-untyped-def]
    workup = cleared_workup(booked_request, persona)
    svc.sign_workup(workup, by=persona("attending"))
    svc.record_lab(workup, "haemoglobin", 121, timezone.now(), by=persona("nurse"))
    workup.refresh_from_db()
    assert workup.signed_at is None
    with pytest.raises(Conflict, match="not been signed"):
        services.transition(booked_request, RequestStatus.READY, by=persona("nurse"))


def test_an_attending_overrides_with_a_reason_and_it_is_audited(booked_request, persona) -> None:  # type: ignore[no-untyped-def]
    moved = services.transition(
        booked_request,
        RequestStatus.READY,
        by=persona("attending"),
        reason="Life-threatening obstruction with sepsis; proceed and correct in the room.",
    )
    assert moved.status == RequestStatus.READY
    event = AuditEvent.objects.filter(action=AuditAction.OVERRIDE).get()
    assert "sepsis" in event.reason
    # The audit keeps the plan the override set aside: made, high risk, not cleared (no labs).
    assert event.after["problems"] == []
    assert event.after["plan"]["risk_class"] == "high"
    assert event.after["plan"]["cleared"] is False


def test_a_nurse_cannot_override_even_with_a_reason(booked_request, persona) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict):
        services.transition(
            booked_request, RequestStatus.READY, by=persona("nurse"), reason="Please proceed"
        )
    workup = svc.start_workup(booked_request, by=persona("nurse"))
    with pytest.raises(NotAllowed):
        svc.override_gate(workup, "Please proceed", by=persona("nurse"))


def test_an_override_needs_a_reason(booked_request, persona) -> None:  # type: ignore[no-untyped-def]
    workup = svc.start_workup(booked_request, by=persona("attending"))
    with pytest.raises(ValidationFailed, match="reason"):
        svc.override_gate(workup, "   ", by=persona("attending"))


def test_it_refuses_an_unknown_drug_naming_it(booked_request, persona) -> None:  # type: ignore[no-untyped-def]
    workup = svc.start_workup(booked_request, by=persona("nurse"))
    with pytest.raises(ValidationFailed, match="Unknown drug 'rat poison'"):
        svc.add_medication(workup, "rat poison", by=persona("nurse"))


def test_it_refuses_an_implausible_inr(booked_request, persona) -> None:  # type: ignore[no-untyped-def]
    workup = svc.start_workup(booked_request, by=persona("nurse"))
    with pytest.raises(ValidationFailed, match="not plausible"):
        svc.record_lab(workup, "inr", 40, timezone.now(), by=persona("nurse"))


def test_a_coder_cannot_start_a_work_up(booked_request, persona) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotAllowed):
        svc.start_workup(booked_request, by=persona("coder"))


def test_it_calculates_clearance_from_creatinine_for_a_dabigatran_hold(
    booked_request,
    persona,  # type: ignore[no-untyped-def]
) -> None:
    from irsuite.safety.workup.plan import current_plan

    patient = booked_request.patient
    patient.weight_kg = 60
    patient.save()
    workup = cleared_workup(booked_request, persona)
    svc.add_medication(workup, "Pradaxa", by=persona("nurse"))
    # A woman in her sixties, 60 kg, creatinine 150 micromol/L: CrCl about 32 mL/min.
    svc.record_lab(workup, "creatinine", 150, timezone.now(), by=persona("nurse"))
    outcome = current_plan(workup, timezone.now())
    assert outcome.plan is not None
    assert any("Cockcroft-Gault" in note for note in outcome.notes)
    (hold,) = outcome.plan.holds
    start = booked_request.scheduled_start
    # CrCl 30-49 before a high-risk case: four days.
    assert hold.hold_from.date() == timezone.localtime(start).date() - dt.timedelta(days=4)


def test_the_request_page_panel_shows_the_gate_to_work_up_roles_only(
    booked_request, persona
) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from irsuite.safety.workup.hooks import request_panel

    svc.start_workup(booked_request, by=persona("nurse"))
    shown = request_panel(booked_request, SimpleNamespace(user=persona("nurse")))
    assert shown is not None and shown["gate_open"] is False and shown["problems"]
    assert request_panel(booked_request, SimpleNamespace(user=persona("coder"))) is None


def test_load_reference_rereads_and_checks_the_rules_file() -> None:
    from irsuite.reference.loader import EXTRA_LOADERS

    summary = EXTRA_LOADERS["bleeding_risk.toml"]()
    assert "drugs" in summary and "to verify" in summary


def test_an_attending_with_a_reason_moves_any_booked_case_to_ready(
    scheduled_request, persona
) -> None:  # type: ignore[no-untyped-def]
    moved = services.transition(
        scheduled_request,
        RequestStatus.READY,
        by=persona("attending"),
        reason="Plan reviewed outside irsuite",
    )
    assert moved.status == RequestStatus.READY
    assert checklist_services.bleeding_plan_cleared(moved)
