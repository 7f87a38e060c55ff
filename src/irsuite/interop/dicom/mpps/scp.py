"""MPPS N-CREATE / N-SET handlers (PS3.4 F.7.2): read the dataset, call the use case, answer.

Errors are translated here exactly once: a duplicate instance 0x0111, an unknown one 0x0112,
a change after COMPLETED or DISCONTINUED 0x0110, an N-CREATE without its status 0x0120, one
that names nothing to link it by 0x0121, an unknown status 0x0106, a refused start or
unreadable dataset a failure; each with an error comment. The server serves the next request
whatever happened.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from irsuite.domain.dicom_matching import MatchKeyError, parse_date, parse_time
from irsuite.errors import ServiceError, ValidationFailed
from irsuite.interop.dicom.database import in_database
from irsuite.interop.dicom.mpps.services import (
    AlreadyFinal,
    DuplicateInstance,
    MissingAttribute,
    NoSuchInstance,
    NothingReferenced,
    PpsMessage,
    StepReference,
    create_performed_step,
    set_performed_step,
)
from irsuite.interop.dicom.statuses import Status

log = logging.getLogger(__name__)

STATUS_OF_ERROR: list[tuple[type[Exception], Status]] = [
    (DuplicateInstance, Status.DUPLICATE_SOP_INSTANCE),
    (NoSuchInstance, Status.NO_SUCH_SOP_INSTANCE),
    (AlreadyFinal, Status.PROCESSING_FAILURE),
    (MissingAttribute, Status.MISSING_ATTRIBUTE),
    (NothingReferenced, Status.MISSING_ATTRIBUTE_VALUE),
    (ValidationFailed, Status.INVALID_ATTRIBUTE_VALUE),
    (MatchKeyError, Status.INVALID_ATTRIBUTE_VALUE),
]


def reply(status: Status, comment: str = "") -> Dataset:
    """A status dataset, with an error comment (0000,0902, at most 64 characters)."""
    out = Dataset()
    out.Status = int(status)
    if comment:
        out.ErrorComment = comment[:64]
    return out


def _text(ds: Dataset, keyword: str) -> str | None:
    if keyword not in ds:
        return None
    value = ds[keyword].value
    return "" if value is None else str(value).strip()


def _when(ds: Dataset, date_key: str, time_key: str) -> dt.datetime | None:
    date, time = _text(ds, date_key), _text(ds, time_key)
    if not date:
        return None
    at = dt.datetime.combine(parse_date(date), parse_time(time) if time else dt.time.min)
    return timezone.make_aware(at)


def _references(ds: Dataset) -> tuple[StepReference, ...]:
    items = ds.get("ScheduledStepAttributesSequence") or []
    return tuple(
        StepReference(
            sps_id=_text(item, "ScheduledProcedureStepID") or "",
            accession_number=_text(item, "AccessionNumber") or "",
            study_instance_uid=_text(item, "StudyInstanceUID") or "",
        )
        for item in items
    )


def _series(ds: Dataset) -> tuple[int | None, int | None]:
    if "PerformedSeriesSequence" not in ds:
        return None, None
    series = ds.PerformedSeriesSequence or []
    images = sum(len(s.get("ReferencedImageSequence") or []) for s in series)
    return len(series), images


def _reason(ds: Dataset) -> str | None:
    items = ds.get("PerformedProcedureStepDiscontinuationReasonCodeSequence") or []
    if not items:
        return None
    item = items[0]
    return str(item.get("CodeMeaning") or item.get("CodeValue") or "")


def message_of(ds: Dataset) -> PpsMessage:
    """The MPPS dataset as plain values (PS3.4 Table F.7.2-1)."""
    series, images = _series(ds)
    name = _text(ds, "PatientName")
    return PpsMessage(
        status=_text(ds, "PerformedProcedureStepStatus"),
        references=_references(ds),
        started_at=_when(ds, "PerformedProcedureStepStartDate", "PerformedProcedureStepStartTime"),
        ended_at=_when(ds, "PerformedProcedureStepEndDate", "PerformedProcedureStepEndTime"),
        pps_id=_text(ds, "PerformedProcedureStepID"),
        description=_text(ds, "PerformedProcedureStepDescription"),
        station_name=_text(ds, "PerformedStationName"),
        modality=_text(ds, "Modality"),
        patient_name=name,
        patient_id=_text(ds, "PatientID"),
        discontinuation_reason=_reason(ds),
        series_count=series,
        image_count=images,
    )


def _failure(exc: Exception) -> Dataset:
    for kind, status in STATUS_OF_ERROR:
        if isinstance(exc, kind):
            text = exc.message if isinstance(exc, ServiceError) else str(exc)
            return reply(status, text)
    if isinstance(exc, ServiceError):
        return reply(Status.PROCESSING_FAILURE, exc.message)
    return reply(Status.PROCESSING_FAILURE, f"irsuite failed on the message ({type(exc).__name__})")


def _create(event: Any, calling: str) -> tuple[Dataset, Dataset | None]:
    uid = str(event.request.AffectedSOPInstanceUID or "") or generate_uid()
    pps = create_performed_step(uid, message_of(event.attribute_list), calling)
    if not pps.accepted:
        return reply(Status.PROCESSING_FAILURE, getattr(pps, "refusal_comment", "")), None
    return reply(Status.SUCCESS), event.attribute_list


def handle_create(event: Any) -> tuple[Dataset, Dataset | None]:
    """N-CREATE of an MPPS instance (status IN PROGRESS)."""
    calling = str(event.assoc.requestor.ae_title).strip()
    try:
        return in_database(event, _create, event, calling)
    except Exception as exc:
        if not isinstance(exc, ServiceError | MatchKeyError):
            log.exception("dicom mpps: N-CREATE from %s failed", calling)
        return _failure(exc), None


def _set(event: Any) -> tuple[Dataset, Dataset | None]:
    changes = event.modification_list
    set_performed_step(str(event.request.RequestedSOPInstanceUID), message_of(changes))
    return reply(Status.SUCCESS), changes


def handle_set(event: Any) -> tuple[Dataset, Dataset | None]:
    """N-SET of an MPPS instance: what was performed, COMPLETED or DISCONTINUED."""
    calling = str(event.assoc.requestor.ae_title).strip()
    try:
        return in_database(event, _set, event)
    except Exception as exc:
        if not isinstance(exc, ServiceError | MatchKeyError):
            log.exception("dicom mpps: N-SET from %s failed", calling)
        return _failure(exc), None
