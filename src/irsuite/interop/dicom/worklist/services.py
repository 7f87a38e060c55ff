"""Keeping the worklist: each scheduled request's step, written in the booking transaction.

Called from the cases hooks (schedule hooks and transition guards), so the step changes with
its request in one transaction. The Study Instance UID is issued when the step is first
written and never changes afterwards (a console that sees a new UID for the same order opens a
second study).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from irsuite.cases.models import Request, RequestStatus
from irsuite.interop.dicom.models import PregnancyStatus, ScheduledStep, StepStatus
from irsuite.patients import hooks as patient_hooks
from irsuite.patients.merge.models import PatientMerge
from irsuite.patients.models import IdentifierType, Patient
from irsuite.people.models import Room, Site, SuiteType

log = logging.getLogger(__name__)

# Modality (0008,0060) of a room's suite type, and of a catalogue entry's room capability
# when no room is chosen yet (PS3.3 C.7.3.1.1.1 defined terms).
MODALITY_OF_SUITE = {
    SuiteType.ANGIO_SINGLE_PLANE: "XA",
    SuiteType.ANGIO_BIPLANE: "XA",
    SuiteType.HYBRID_OR: "XA",
    SuiteType.FLUORO: "RF",
    SuiteType.CT: "CT",
    SuiteType.US: "US",
}
MODALITY_OF_CAPABILITY = {"angio": "XA", "fluoroscopy": "RF", "ct": "CT", "us": "US"}
# Codes of irsuite's own catalogue: a local coding scheme (PS3.16 8.2: "99" + name).
LOCAL_SCHEME = "99IRSUITE"
STEP_STATUS_OF = {
    RequestStatus.VETTED: StepStatus.SCHEDULED,
    RequestStatus.SCHEDULED: StepStatus.SCHEDULED,
    RequestStatus.READY: StepStatus.READY,
    RequestStatus.IN_PROGRESS: StepStatus.STARTED,
    RequestStatus.COMPLETED: StepStatus.COMPLETED,
    RequestStatus.CANCELLED: StepStatus.CANCELLED,
    RequestStatus.REJECTED: StepStatus.CANCELLED,
    RequestStatus.REQUESTED: StepStatus.CANCELLED,
}
ON_WORKLIST = frozenset({StepStatus.SCHEDULED, StepStatus.READY, StepStatus.STARTED})
# The key of a merge's record of the identifiers it moved (patients.merge).
IDENTIFIERS_MOVED = "patients.patientidentifier.patient"
# Work-up pregnancy answers as Pregnancy Status (0010,21C0).
PREGNANCY_OF = {
    "negative_test": PregnancyStatus.NOT_PREGNANT,
    "possible": PregnancyStatus.POSSIBLY_PREGNANT,
    "pregnant": PregnancyStatus.DEFINITELY_PREGNANT,
    "unknown": PregnancyStatus.UNKNOWN,
}


def new_study_uid() -> str:
    """A Study Instance UID derived from a UUID (PS3.5 B.2: the 2.25 root)."""
    return f"2.25.{uuid.uuid4().int}"


def person_name(family: str, given: str) -> str:
    """A PN value `Family^Given` (PS3.5 6.2.1), carets in the parts removed."""
    return f"{family.replace('^', ' ').strip()}^{given.replace('^', ' ').strip()}"[:194]


def _performing_physician(request: Request) -> str:
    needs = getattr(request, "needs", None)
    operator = getattr(needs, "operator", None) if needs is not None else None
    return person_name(operator.family_name, operator.given_name)[:64] if operator else ""


def _pregnancy(request: Request) -> int | None:
    workup = getattr(request, "workup", None)
    return PREGNANCY_OF.get(workup.pregnancy_status) if workup is not None else None


def _allergies(request: Request) -> str:
    patient = request.patient
    parts = [line.strip() for line in patient.allergies.splitlines() if line.strip()]
    if patient.contrast_allergy and not any("contrast" in p.lower() for p in parts):
        parts.insert(0, "Iodinated contrast")
    return ", ".join(parts)[:64]


def _where(
    request: Request, room: Room | None, start: dt.datetime | None
) -> tuple[dt.date | None, dt.time | None]:
    if start is not None:
        local = timezone.localtime(start)
        return local.date(), local.time().replace(microsecond=0)
    return request.due_date, None


def patient_values(request: Request) -> dict[str, Any]:
    """The worklist item's patient attributes as they stand now (PS3.4 K.6.1.2.2: patient
    identification, demographics and medical status)."""
    patient = request.patient
    return {
        "patient_name": person_name(patient.family_name, patient.given_name),
        "patient_id": worklist_mrn(patient, request.site),
        "issuer_of_patient_id": request.site.code,
        "birth_date": patient.birth_date,
        "sex": patient.sex,
        "allergies": _allergies(request),
        "pregnancy_status": _pregnancy(request),
    }


def step_values(
    request: Request, room: Room | None, start: dt.datetime | None, status: str
) -> dict[str, Any]:
    """The worklist item's attributes as they stand for `request` (without its UIDs)."""
    entry = request.catalogue_entry
    day, time = _where(request, room, start)
    step_status = STEP_STATUS_OF.get(RequestStatus(status), StepStatus.CANCELLED)
    modality = (
        MODALITY_OF_SUITE.get(SuiteType(room.suite_type), "XA")
        if room is not None
        else MODALITY_OF_CAPABILITY.get(entry.room_capability, "XA")
    )
    return {
        "accession_number": request.accession_number,
        "requested_procedure_id": request.accession_number,
        "description": entry.name[:64],
        "code_value": entry.code,
        "code_scheme": LOCAL_SCHEME,
        "code_meaning": entry.name[:64],
        "station_ae_title": room.ae_title if room is not None else "",
        "station_name": room.code.upper()[:16] if room is not None else "",
        "modality": modality,
        "start_date": day,
        "start_time": time,
        "performing_physician": _performing_physician(request),
        **patient_values(request),
        "status": step_status,
        "on_worklist": step_status in ON_WORKLIST and day is not None,
        "room": room,
    }


def write_step(
    request: Request, room: Room | None, start: dt.datetime | None, status: str
) -> ScheduledStep | None:
    """Write the request's step (first time: issue its UIDs); None when it has no day yet.

    The patient's row is locked and read afresh first: a demographics change (an HL7 A08)
    either waits for this step and then refreshes it, or ends before it and is read here."""
    request.patient = Patient.objects.select_for_update().get(pk=request.patient_id)
    values = step_values(request, room, start, status)
    step = ScheduledStep.objects.select_for_update().filter(request=request).first()
    if step is None:
        if values["start_date"] is None:
            return None
        return ScheduledStep.objects.create(
            request=request,
            study_instance_uid=new_study_uid(),
            sps_id=f"S{request.pk:010d}",
            **values,
        )
    if values["start_date"] is None:
        values.pop("start_date")
    for name, value in values.items():
        setattr(step, name, value)
    step.save()
    return step


def _guarded(request: Request, room: Room | None, start: Any, status: str) -> None:
    # The worklist must never stop a clinical move: a fault here is logged and rolled back
    # to its savepoint, and the booking goes on.
    try:
        with transaction.atomic():
            write_step(request, room, start, status)
    except Exception:
        log.exception("dicom worklist: could not update the step of request %s", request.pk)


def on_schedule(
    request: Request, room: Room, start: dt.datetime, end: dt.datetime, by: Any
) -> None:
    """Schedule hook: the request is booked into `room` at `start` (or moved there)."""
    status = RequestStatus.SCHEDULED if request.status == RequestStatus.VETTED else request.status
    _guarded(request, room, start, status)


def on_transition(request: Request, to_status: str, by: Any, reason: str) -> None:
    """Transition guard used as a listener: the step follows its request's status."""
    if to_status == RequestStatus.VETTED:
        _guarded(request, None, None, to_status)  # unbooked, or vetted: no room chosen yet
    else:
        _guarded(request, request.room, request.scheduled_start, to_status)


def worklist_mrn(patient: Patient, site: Site) -> str:
    """The MRN a modality gets: the patient's at the request's site. After a merge the
    survivor may hold two there; its own wins over the one the merged record brought."""
    held = [
        i
        for i in patient.identifiers.all()
        if i.type == IdentifierType.MRN and i.site_id == site.pk
    ]
    if len(held) > 1:
        brought = {
            pk
            for moved in PatientMerge.objects.filter(survivor=patient, undone_at=None).values_list(
                "moved", flat=True
            )
            for pk in moved.get(IDENTIFIERS_MOVED, [])
        }
        held = [i for i in held if i.pk not in brought] or held
    if held:
        return held[0].value
    other = [i for i in patient.identifiers.all() if i.type == IdentifierType.MRN]
    return other[0].value if other else ""


# Every change to a patient asks this (an HL7 ADT^A08 among them): a statement built once, since
# composing the ORM's query would cost more than running it.
_OPEN = sorted(ON_WORKLIST)
# A patient's open steps (`{patient}`: the patient's id, a parameter or a column).
_OPEN_STEPS_OF = (
    f"FROM {ScheduledStep._meta.db_table} s "
    f"JOIN {Request._meta.db_table} r ON r.id = s.request_id "
    "WHERE r.patient_id = {patient} "
    f"AND s.status IN ({', '.join(['%s'] * len(_OPEN))})"
)
_OPEN_STEPS_SQL = f"SELECT s.id {_OPEN_STEPS_OF.format(patient='%s')}"  # noqa: S608


# Whether the patient has open steps at all, read by the patients service in the statement
# that changes the patient (an ADT^A08's UPDATE): then no query of its own when there are none.
_HAS_OPEN_STEPS = patient_hooks.Concern(f"EXISTS (SELECT 1 {_OPEN_STEPS_OF})", tuple(_OPEN))


@patient_hooks.concerning(_HAS_OPEN_STEPS)
def refresh_patient(patient_id: int) -> None:
    """Patients change hook: the patient's name, identifiers, birth date, sex, allergies or
    pregnancy status changed (or records were merged): their open steps show it from the
    next query on. One small query when the patient has none, and none at all when the
    changing service already found none (its `Concern`)."""
    with connection.cursor() as cursor:
        cursor.execute(_OPEN_STEPS_SQL, [patient_id, *_OPEN])
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        return
    steps = ScheduledStep.objects.select_related("request__patient", "request__site").filter(
        pk__in=ids
    )
    try:
        with transaction.atomic():
            for step in steps:
                values = patient_values(step.request)
                if any(getattr(step, k) != v for k, v in values.items()):
                    ScheduledStep.objects.filter(pk=step.pk).update(
                        **values, updated_at=timezone.now()
                    )
    except Exception:
        # As for bookings: the worklist never stops the change to the patient.
        log.exception("dicom worklist: could not refresh the steps of a changed patient")


def take_off_worklist(step: ScheduledStep, status: StepStatus) -> None:
    """The step was performed (MPPS completed) or discontinued: no longer offered."""
    step.status, step.on_worklist = status, False
    step.save(update_fields=["status", "on_worklist", "updated_at"])
