"""The procedure record: times, team, access, devices, signature, addenda, and their audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.cases import reference
from irsuite.cases.models import AccessSite, CaseRole, ProcedureStatus, RequestStatus
from irsuite.cases.procedures import services as ps
from irsuite.cases.requests import services
from irsuite.errors import Conflict, NotAllowed, ValidationFailed

pytestmark = pytest.mark.django_db


def test_starting_a_procedure_needs_a_ready_request(scheduled_request, persona):
    with pytest.raises(Conflict, match="cannot become in progress"):
        services.start_procedure(scheduled_request, by=persona("attending"))


def test_times_out_of_order_are_refused(open_procedure, persona):
    now = timezone.now()
    with pytest.raises(
        ValidationFailed, match="procedure end time .* is before the procedure start"
    ):
        services.update_procedure(
            open_procedure,
            by=persona("fellow"),
            version=open_procedure.version,
            fields={
                "start_at": now - dt.timedelta(minutes=10),
                "end_at": now - dt.timedelta(minutes=30),
            },
        )


def test_a_sheath_out_of_range_is_refused_naming_the_range(open_procedure, persona):
    allowed = reference.sheath_fr()
    with pytest.raises(ValidationFailed, match=f"out of range; use {allowed.low} to"):
        ps.add_access_site(
            open_procedure,
            kind="arterial",
            site="right CFA",
            sheath_fr=str(allowed.high + 10),
            closure="",
            by=persona("fellow"),
        )
    assert not AccessSite.objects.exists()


def test_a_sheath_at_the_top_of_the_range_is_recorded_and_audited(open_procedure, persona):
    version = open_procedure.version
    access = ps.add_access_site(
        open_procedure,
        kind="arterial",
        site=" right CFA ",
        sheath_fr=str(reference.sheath_fr().high),
        closure="suture device",
        by=persona("fellow"),
    )
    assert access.site == "right CFA" and access.sheath_fr == reference.sheath_fr().high
    open_procedure.refresh_from_db()
    assert open_procedure.version == version + 1
    event = AuditEvent.objects.get(object_type="cases.accesssite")
    assert event.action == AuditAction.CREATE and event.after["site"] == "right CFA"
    assert event.patient_id == open_procedure.request.patient_id


def test_a_device_quantity_out_of_range_is_refused(open_procedure, persona):
    too_many = reference.device_quantity().high + 1
    with pytest.raises(ValidationFailed, match="Quantity must be between"):
        ps.add_device(
            open_procedure, kind="coil", name="Coil", quantity=too_many, by=persona("fellow")
        )


def test_a_contrast_volume_out_of_range_is_refused(open_procedure, persona):
    limit = reference.contrast_ml()
    with pytest.raises(ValidationFailed, match=f"between {limit.low} and {limit.high} mL"):
        services.update_procedure(
            open_procedure,
            by=persona("fellow"),
            version=open_procedure.version,
            fields={"contrast_ml": limit.high + 1},
        )


def test_removing_a_team_member_is_audited_with_who_they_were(open_procedure, persona):
    member = open_procedure.team.get(role=CaseRole.NURSE)
    ps.remove_team_member(member, by=persona("attending"))
    assert not open_procedure.team.filter(role=CaseRole.NURSE).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert event.before == {"staff": persona("nurse").staff.pk, "role": CaseRole.NURSE}


def test_a_nurse_cannot_be_the_attending_operator(open_procedure, persona):
    with pytest.raises(ValidationFailed, match="cannot be attending operator"):
        ps.add_team_member(
            open_procedure,
            staff=persona("nurse").staff,
            role=CaseRole.ATTENDING_OPERATOR,
            by=persona("attending"),
        )


def test_a_stale_save_is_a_conflict_not_an_overwrite(open_procedure, persona):
    version = open_procedure.version
    services.update_procedure(
        open_procedure, by=persona("fellow"), version=version, fields={"findings": "first"}
    )
    with pytest.raises(Conflict, match="Someone else saved this record"):
        services.update_procedure(
            open_procedure, by=persona("attending"), version=version, fields={"findings": "second"}
        )
    open_procedure.refresh_from_db()
    assert open_procedure.findings == "first"


def test_signing_says_what_is_missing(open_procedure, persona):
    with pytest.raises(ValidationFailed) as refused:
        ps.sign_procedure(open_procedure, by=persona("attending"))
    assert "technically successful" in refused.value.message
    assert "start and end times" in refused.value.message


def test_an_attending_signs_a_complete_record(signed_procedure, persona):
    signed_procedure.refresh_from_db()
    assert signed_procedure.status == ProcedureStatus.SIGNED
    assert signed_procedure.signed_by == persona("attending").staff
    assert signed_procedure.signed_at is not None


def test_a_fellow_cannot_sign(open_procedure, persona):
    with pytest.raises(NotAllowed, match="Only an attending"):
        ps.sign_procedure(open_procedure, by=persona("fellow"))


def test_signing_completes_the_request_and_locks_the_record(signed_procedure, persona):
    signed_procedure.request.refresh_from_db()
    assert signed_procedure.request.status == RequestStatus.COMPLETED
    with pytest.raises(Conflict, match="add an addendum"):
        services.update_procedure(
            signed_procedure,
            by=persona("attending"),
            version=signed_procedure.version,
            fields={"findings": "x"},
        )
    addendum = ps.add_addendum(signed_procedure, text="Drain repositioned.", by=persona("fellow"))
    assert addendum.procedure.addenda.count() == 1


def test_every_step_is_audited(signed_procedure, persona):
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        AuditAction.CREATE,
        AuditAction.TRANSITION,
        AuditAction.CHANGE,
        AuditAction.SIGN,
    } <= actions
    sign = AuditEvent.objects.get(action=AuditAction.SIGN)
    assert sign.actor == persona("attending")
    assert sign.patient_id == signed_procedure.request.patient_id
    change = AuditEvent.objects.filter(
        action=AuditAction.CHANGE, object_type="cases.procedure"
    ).first()
    assert change is not None and change.before is not None and "technical_success" in change.after


def test_summaries_never_carry_patient_identifiers(signed_procedure, patient):
    for summary in AuditEvent.objects.values_list("summary", flat=True):
        assert "SBH0000001" not in summary and patient.family_name not in summary
