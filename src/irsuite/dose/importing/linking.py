"""Linking a dose study to its procedure: by accession number, else patient + date + room."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record, snapshot
from irsuite.cases.models import Procedure, Request
from irsuite.dose.alerts.services import evaluate_alerts
from irsuite.dose.studies.models import DoseStudy, LinkMethod
from irsuite.errors import Conflict
from irsuite.patients.models import IdentifierType, PatientIdentifier

LINK_FIELDS = ["patient_id", "procedure_id", "link_method", "linked_by_id", "linked_at"]


# A report's study date may fall a day either side of the procedure's (a case that runs past
# midnight, a modality clock set to another zone).
STUDY_DATE_TOLERANCE = dt.timedelta(days=1)


def _agrees(study: DoseStudy, patient_id: int, site_id: int, day: dt.date | None) -> bool:
    """Whether the report's patient ID is the patient's MRN at the request's site and its
    study date is within a day of the procedure's (when there is a procedure yet)."""
    reported = study.reported_patient_id.strip()
    if (
        not reported
        or not PatientIdentifier.objects.filter(
            patient_id=patient_id, site_id=site_id, type=IdentifierType.MRN, value=reported
        ).exists()
    ):
        return False
    if day is None:
        return True
    return study.study_date is not None and abs(study.study_date - day) <= STUDY_DATE_TOLERANCE


def _by_accession(study: DoseStudy) -> bool:
    """Link by accession number when the patient and date agree; whether the number was known.

    A known accession number with another patient or date leaves the study unlinked for a
    physicist to review: it is not tried by patient, date and room either.
    """
    if not study.accession_number:
        return False
    found = (
        Request.objects.filter(accession_number=study.accession_number)
        .order_by("pk")
        .values_list(
            "patient_id", "site_id", "procedure__id", "procedure__day", "procedure__room_id"
        )
        .first()
    )
    if found is None:
        return False
    patient_id, site_id, procedure_id, day, room_id = found
    if not _agrees(study, patient_id, site_id, day if procedure_id is not None else None):
        return True
    study.patient_id = patient_id
    if procedure_id is not None:
        study.procedure_id = procedure_id
        study.link_method = LinkMethod.ACCESSION
        study.room_id = study.room_id or room_id
    return True


def _patient_of(study: DoseStudy) -> int | None:
    if not study.reported_patient_id:
        return None
    identifiers = PatientIdentifier.objects.filter(
        type=IdentifierType.MRN, value=study.reported_patient_id.strip()
    )
    if study.room_id is not None:
        identifiers = identifiers.filter(site__rooms=study.room_id)
    patients = set(identifiers.order_by().values_list("patient_id", flat=True).distinct()[:2])
    return patients.pop() if len(patients) == 1 else None


def _by_patient_date_room(study: DoseStudy) -> None:
    patient_id = _patient_of(study)
    if patient_id is None:
        return
    study.patient_id = patient_id
    if study.study_date is None:
        return
    candidates = Procedure.objects.filter(request__patient_id=patient_id, day=study.study_date)
    if study.room_id is not None:
        candidates = candidates.filter(room_id=study.room_id)
    matches = list(candidates.order_by().values_list("pk", flat=True)[:2])
    if len(matches) == 1:
        study.procedure_id = matches[0]
        study.link_method = LinkMethod.PATIENT_DATE_ROOM


def auto_link(study: DoseStudy) -> None:
    """Find the study's procedure (and patient); leaves it unlinked when nothing is certain.

    Runs inside the import transaction; the caller saves the study.
    """
    if study.procedure_id is not None:
        return
    found = _by_accession(study)
    if study.procedure_id is None and not found:
        _by_patient_date_room(study)
    if study.procedure_id is not None:
        study.linked_at = timezone.now()


@transaction.atomic
def link_by_hand(study: DoseStudy, procedure: Procedure, *, by: AbstractBaseUser) -> DoseStudy:
    """A physicist links an unlinked study to a procedure (audited); alerts follow the patient."""
    study = DoseStudy.objects.select_for_update().get(pk=study.pk)
    if study.procedure_id is not None and study.procedure_id != procedure.pk:
        raise Conflict("This study is already linked to another procedure; unlink it first.")
    before = snapshot(study, LINK_FIELDS)
    study.procedure = procedure
    study.patient_id = procedure.request.patient_id
    study.room_id = study.room_id or procedure.room_id
    study.link_method = LinkMethod.MANUAL
    study.linked_by = by  # type: ignore[assignment]
    study.linked_at = timezone.now()
    study.save()
    record(
        by,
        AuditAction.CHANGE,
        study,
        patient_id=study.patient_id,
        before=before,
        after=snapshot(study, LINK_FIELDS),
        summary="dose study linked by hand",
    )
    evaluate_alerts(study, by=by)
    return study
