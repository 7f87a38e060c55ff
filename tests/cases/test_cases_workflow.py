"""The life of a case: request → vetted → scheduled → ready → in progress → signed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.utils import timezone

from irsuite.audit.models import AppendOnlyError, AuditAction, AuditEvent
from irsuite.cases.models import CaseRole, ProcedureStatus, RequestStatus
from irsuite.cases.procedures import services as ps
from irsuite.cases.requests import services
from irsuite.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from irsuite.patients.services import register_patient

pytestmark = pytest.mark.django_db


def test_a_request_records_every_transition_with_who_and_why(vetted_request, persona):
    steps = [(t.from_status, t.to_status) for t in vetted_request.transitions.all()]
    assert steps == [("requested", "vetted")]
    assert vetted_request.transitions.get().by == persona("attending")
    assert vetted_request.accession_number == f"IR{vetted_request.pk:010d}"


def test_a_request_cannot_skip_vetting(new_request, persona):
    with pytest.raises(Conflict, match="cannot become scheduled"):
        services.transition(new_request, RequestStatus.SCHEDULED, by=persona("scheduler"))


def test_rejecting_needs_a_reason(new_request, persona):
    with pytest.raises(ValidationFailed, match="reason"):
        services.transition(new_request, RequestStatus.REJECTED, by=persona("attending"))


def test_only_vetting_roles_vet(new_request, persona):
    with pytest.raises(NotAllowed):
        services.vet(new_request, by=persona("nurse"), accept=True, note="")


def test_an_indication_code_that_is_not_icd10_is_refused(catalogue, persona, patient, site):
    with pytest.raises(ValidationFailed, match="Not an ICD-10-CM code: 12345"):
        services.create_request(
            by=persona("referrer"),
            patient=patient,
            site=site,
            entry=services.catalogue_entry("PCN"),
            indication="x",
            icd10_codes=["12345"],
        )


def test_codes_are_normalised(catalogue, persona, patient, site):
    made = services.create_request(
        by=persona("referrer"),
        patient=patient,
        site=site,
        entry=services.catalogue_entry("PCN"),
        indication="x",
        icd10_codes=["n1330", "k83.1"],
    )
    assert made.icd10_codes == ["N13.30", "K83.1"]


def test_an_unknown_catalogue_code_is_a_clear_error(catalogue):
    with pytest.raises(NotFound, match="no procedure with code 'NOPE'"):
        services.catalogue_entry("NOPE")


def test_a_second_patient_with_the_same_mrn_at_a_site_is_refused(patient, site):
    with pytest.raises(Conflict, match="already has a patient with MRN SBH0000001"):
        register_patient(
            by=None,
            site=site,
            mrn="SBH0000001",
            given_name="Other",
            family_name="Person",
            birth_date=dt.date(1970, 1, 1),
        )


def test_the_same_mrn_at_another_site_is_another_patient(patient, other_site):
    other = register_patient(
        by=None,
        site=other_site,
        mrn="SBH0000001",
        given_name="Other",
        family_name="Person",
        birth_date=dt.date(1970, 1, 1),
    )
    assert other.pk != patient.pk


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


def test_a_sheath_out_of_range_is_refused(open_procedure, persona):
    with pytest.raises(ValidationFailed, match="out of range"):
        ps.add_access_site(
            open_procedure,
            kind="arterial",
            site="right CFA",
            sheath_fr="40",
            closure="",
            by=persona("fellow"),
        )


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


def test_only_an_attending_signs(signed_procedure, open_procedure, persona):
    assert signed_procedure.status == ProcedureStatus.SIGNED


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


def test_the_audit_log_cannot_be_changed_or_deleted(signed_procedure):
    event = AuditEvent.objects.first()
    assert event is not None
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET summary = 'tampered'")


def test_summaries_never_carry_patient_identifiers(signed_procedure, patient):
    for summary in AuditEvent.objects.values_list("summary", flat=True):
        assert "SBH0000001" not in summary and patient.family_name not in summary
