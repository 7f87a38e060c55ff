"""Importing RDSR objects: one transaction per file; bad files go to quarantine, never lost."""

from __future__ import annotations

import hashlib
import logging
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, record
from irsuite.domain.rdsr import DoseReport, RdsrError, read_report
from irsuite.dose.alerts.services import evaluate_alerts
from irsuite.dose.importing import rows
from irsuite.dose.importing.models import QuarantinedFile, QuarantineStatus
from irsuite.dose.reference import plausibility
from irsuite.dose.studies.models import DoseReportObject, DoseStudy
from irsuite.errors import Conflict

log = logging.getLogger(__name__)


class ImportStatus(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    UPDATED = "updated"
    QUARANTINED = "quarantined"


@dataclass(frozen=True)
class ImportOutcome:
    """What importing one file did, with the study's totals read back after commit."""

    file: str
    status: ImportStatus
    study_instance_uid: str | None = None
    events: int | None = None
    kap_gycm2: float | None = None
    ka_r_mgy: float | None = None
    fluoro_time_s: float | None = None
    acquisition_time_s: float | None = None
    dlp_mgycm: float | None = None
    reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The JSON line printed by `irsuite import-rdsr --json`."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


class FaultKind(StrEnum):
    """Why a file was quarantined when the reader itself failed (the quarantine's `kind`)."""

    INTERNAL_ERROR = "internal_error"


@dataclass(frozen=True)
class ImportFault:
    """An unexpected exception while importing one file: a fault in irsuite, not a verdict on
    the file, which is kept so that it can be re-processed once the fault is fixed."""

    exception_type: str
    kind: FaultKind = FaultKind.INTERNAL_ERROR

    @property
    def reason(self) -> str:
        # The exception's text is left out: it may quote a value of the file.
        return (
            f"irsuite failed on the file ({self.exception_type}); it is kept "
            "and can be re-processed once the fault is fixed"
        )


Refusal = RdsrError | ImportFault


# PostgreSQL advisory locks take two int4 keys: this one names the dose-study lock space.
STUDY_LOCK_SPACE = 0x52445352  # "RDSR"


def lock_study(study_instance_uid: str) -> None:
    """Hold the study's import lock until the transaction ends.

    On PostgreSQL several processes store reports at once (`import-rdsr --workers`, the
    listener's associations). Reports of one study (cumulative, split, or the same object
    twice) are folded in one at a time, the first one included, which has no row to lock yet;
    without this they would collide on the unique constraints and be stored again after a
    rollback. SQLite transactions here take the database's single write lock at BEGIN, so
    they are serialised already.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
            [STUDY_LOCK_SPACE, study_instance_uid],
        )


def store_report(
    report: DoseReport, *, source: str, ae_title: str = "", by: Actor = None
) -> ImportStatus:
    """Store one parsed report in the current transaction (see `import_rdsr`)."""
    lock_study(report.study.study_instance_uid)
    if DoseReportObject.objects.filter(sop_instance_uid=report.sop_instance_uid).exists():
        return ImportStatus.DUPLICATE
    device = rows.device_for(report, ae_title)
    room = rows.room_of_device(device, rows.room_for(ae_title))
    study = (
        DoseStudy.objects.select_for_update()
        .filter(study_instance_uid=report.study.study_instance_uid)
        .order_by()
        .first()
    )
    if study is None:
        study, status = rows.new_study(report, device, room), ImportStatus.IMPORTED
    elif rows.merge(study, report):
        status = ImportStatus.UPDATED
    else:
        status = ImportStatus.DUPLICATE
    DoseReportObject.objects.create(
        study=study,
        sop_instance_uid=report.sop_instance_uid[:64],
        sop_class_uid=report.sop_class_uid[:64],
        event_count=len(report.events),
        source=source[:200],
    )
    if status is not ImportStatus.DUPLICATE:
        record(
            by,
            AuditAction.CREATE if status is ImportStatus.IMPORTED else AuditAction.CHANGE,
            study,
            patient_id=study.patient_id,
            channel="dose",
            summary=f"dose report {status}: {len(report.events)} events",
        )
        evaluate_alerts(study, by=by, new_study=status is ImportStatus.IMPORTED)
    return status


# The outcome's totals and the study columns they are read back from.
READ_BACK = {
    "study_instance_uid": "study_instance_uid", "events": "event_count",
    "kap_gycm2": "kap_gycm2", "ka_r_mgy": "ka_r_mgy", "fluoro_time_s": "fluoro_time_s",
    "acquisition_time_s": "acquisition_time_s", "dlp_mgycm": "dlp_mgycm",
}  # fmt: skip


def read_back(file: str, status: ImportStatus, study_uid: str) -> ImportOutcome:
    """The outcome of a stored file with the study's totals as committed."""
    values = (
        DoseStudy.objects.filter(study_instance_uid=study_uid)
        .values_list(*READ_BACK.values())
        .get()
    )
    return ImportOutcome(file=file, status=status, **dict(zip(READ_BACK, values, strict=True)))


@transaction.atomic
def quarantine(
    data: bytes,
    error: Refusal,
    *,
    filename: str,
    source: str,
    ae_title: str = "",
    by: Actor = None,
) -> QuarantinedFile:
    """Keep a file that could not be imported, with the reason (audited)."""
    held = QuarantinedFile.objects.create(
        filename=filename[:255],
        source=source,
        ae_title=ae_title,
        content=data,
        sha256=hashlib.sha256(data).hexdigest(),
        kind=error.kind.value,
        reason=error.reason,
    )
    record(
        by,
        AuditAction.CREATE,
        held,
        summary=f"dose report quarantined: {error.kind.value}",
        channel="dose",
    )
    return held


def store_parsed(
    data: bytes,
    parsed: DoseReport | Refusal,
    *,
    filename: str,
    source: str,
    ae_title: str = "",
    by: Actor = None,
    write_lock: AbstractContextManager[object] | None = None,
) -> ImportOutcome:
    """Store a report parsed elsewhere (worker processes), or quarantine its error.

    `write_lock`, when given, is held around the write transaction only (not the read-back):
    processes that share one SQLite database take turns through it instead of polling for
    the database's write lock.
    """
    with write_lock or nullcontext():
        if not isinstance(parsed, DoseReport):
            quarantine(data, parsed, filename=filename, source=source, ae_title=ae_title, by=by)
            return ImportOutcome(
                file=filename, status=ImportStatus.QUARANTINED, reason=parsed.reason
            )
        status = _store_with_retry(parsed, source=source, ae_title=ae_title, by=by)
    return read_back(filename, status, parsed.study.study_instance_uid)


def _store_with_retry(report: DoseReport, *, source: str, ae_title: str, by: Actor) -> ImportStatus:
    try:
        with transaction.atomic():
            return store_report(report, source=source, ae_title=ae_title, by=by)
    except IntegrityError:
        # Another connection created the same device, study or report first: store it again
        # now that the other transaction is committed, as a further report of that study.
        with transaction.atomic():
            return store_report(report, source=source, ae_title=ae_title, by=by)


def parse(data: bytes, transfer_syntax: str | None = None) -> DoseReport | RdsrError:
    """The report in `data`, or the error that says why it cannot be read."""
    try:
        return read_report(data, plausibility(), transfer_syntax=transfer_syntax)
    except RdsrError as error:
        return error


def parse_guarded(
    data: bytes, *, filename: str, transfer_syntax: str | None = None
) -> DoseReport | Refusal:
    """`parse`, with a last resort: any other exception becomes a `ImportFault`, so one file
    that trips the reader is quarantined and the files after it are still imported."""
    try:
        return parse(data, transfer_syntax)
    except Exception as exc:
        # The path and the exception's type only: the traceback's text may quote the file.
        log.exception("dose import: reading %s failed with %s", filename, type(exc).__name__)
        return ImportFault(type(exc).__name__)


def import_rdsr(
    data: bytes,
    *,
    filename: str,
    source: str,
    ae_title: str = "",
    by: Actor = None,
    transfer_syntax: str | None = None,
) -> ImportOutcome:
    """Import one RDSR object (file bytes, or a dataset with its transfer syntax).

    One transaction per file: a duplicate SOP Instance UID changes nothing, a cumulative
    report that is a superset replaces the study's totals, new events are added; a file that
    cannot be read is quarantined with the reason.
    """
    return store_parsed(
        data,
        parse_guarded(data, filename=filename, transfer_syntax=transfer_syntax),
        filename=filename,
        source=source,
        ae_title=ae_title,
        by=by,
    )


@transaction.atomic
def reprocess(held: QuarantinedFile, *, by: AbstractBaseUser) -> ImportOutcome:
    """Try a quarantined file again (e.g. after a new unit or quirk was taught to the reader)."""
    held = QuarantinedFile.objects.select_for_update().get(pk=held.pk)
    if held.status != QuarantineStatus.OPEN:
        raise Conflict("This file was already dealt with; reload the page.")
    data = bytes(held.content)
    parsed = parse_guarded(data, filename=held.filename)
    if not isinstance(parsed, DoseReport):
        held.kind, held.reason = parsed.kind.value, parsed.reason
        held.save(update_fields=["kind", "reason"])
        return ImportOutcome(
            file=held.filename, status=ImportStatus.QUARANTINED, reason=parsed.reason
        )
    status = store_report(parsed, source=f"quarantine:{held.pk}", ae_title=held.ae_title, by=by)
    held.status, held.resolved_at = QuarantineStatus.REPROCESSED, timezone.now()
    held.resolved_by = by  # type: ignore[assignment]
    held.save(update_fields=["status", "resolved_at", "resolved_by"])
    record(by, AuditAction.CHANGE, held, summary="quarantined dose report re-processed")
    return read_back(held.filename, status, parsed.study.study_instance_uid)


@transaction.atomic
def discard(held: QuarantinedFile, *, by: AbstractBaseUser) -> None:
    """Mark a quarantined file as not to be imported (kept for the record)."""
    held = QuarantinedFile.objects.select_for_update().get(pk=held.pk)
    held.status, held.resolved_at = QuarantineStatus.DISCARDED, timezone.now()
    held.resolved_by = by  # type: ignore[assignment]
    held.save(update_fields=["status", "resolved_at", "resolved_by"])
    record(by, AuditAction.CHANGE, held, summary="quarantined dose report discarded")
