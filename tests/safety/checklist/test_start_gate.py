"""The case's life has real gates: a procedure starts only after consent and the time-out."""

import pytest
from test_checklist_services import consented, run_phase  # noqa: F401  (fixture and helper)

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.cases.requests import services
from irsuite.domain.checklist import Phase
from irsuite.errors import Conflict
from irsuite.safety.checklist import services as cl


def test_a_procedure_does_not_start_without_consent_or_time_out(ready_request, persona):
    with pytest.raises(Conflict) as refused:
        services.start_procedure(ready_request, by=persona("attending"))
    assert refused.value.detail["problems"] == [
        "the patient's consent is not signed",
        "the checklist's sign-in is not done",
        "the checklist's time-out is not done",
    ]
    ready_request.refresh_from_db()
    assert ready_request.status == "ready"


def test_consent_alone_is_not_enough(consented, persona):  # noqa: F811
    with pytest.raises(Conflict, match="sign-in is not done"):
        services.start_procedure(consented, by=persona("attending"))


def test_it_starts_once_consent_is_signed_and_sign_in_and_time_out_are_done(
    consented,  # noqa: F811
    persona,
    bleeding_plan,
):
    nurse = persona("nurse")
    cl.mark_site(consented, note="left flank", by=nurse)
    run_phase(consented, Phase.SIGN_IN, nurse)
    run_phase(consented, Phase.TIME_OUT, nurse)
    procedure = services.start_procedure(consented, by=persona("attending"))
    assert procedure.request.status == "in_progress"
    assert not AuditEvent.objects.filter(
        action=AuditAction.OVERRIDE, object_type="cases.request"
    ).exists()


def test_an_emergency_start_is_an_audited_override_with_who_and_why(ready_request, persona):
    attending = persona("attending")
    services.start_procedure(ready_request, by=attending, override_reason="Exsanguinating")
    event = AuditEvent.objects.get(
        action=AuditAction.OVERRIDE, object_type="cases.request", object_id=str(ready_request.pk)
    )
    assert event.actor == attending
    assert event.reason == "Exsanguinating"
    assert "the patient's consent is not signed" in event.after["missing"]


def test_only_an_attending_may_override_the_start_gates(ready_request, persona):
    with pytest.raises(Conflict):
        services.start_procedure(ready_request, by=persona("fellow"), override_reason="Hurry")
