"""Importing RDSR objects: one transaction per file; bad files go to quarantine, never lost."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, record
from irsuite.domain.rdsr import DoseReport, IrradiationEvent, PlaneTotals, RdsrError, read_report
from irsuite.dose.alerts.services import evaluate_alerts
from irsuite.dose.importing.linking import auto_link
from irsuite.dose.models import (
    Device,
    DevicePlane,
    DoseReportObject,
    DoseStudy,
    QuarantinedFile,
    QuarantineStatus,
)
from irsuite.dose.models import IrradiationEvent as EventRow
from irsuite.dose.reference import plausibility
from irsuite.errors import Conflict
from irsuite.people.models import Room


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


PLANE_FIELDS = [
    "kap_gycm2", "ka_r_mgy", "fluoro_kap_gycm2", "acquisition_kap_gycm2", "fluoro_ka_r_mgy",
    "acquisition_ka_r_mgy", "fluoro_time_s", "acquisition_time_s", "radiographic_frames",
]  # fmt: skip
EVENT_FIELDS = [
    "kap_gycm2", "ka_r_mgy", "irradiation_duration_s", "kvp", "tube_current_ma",
    "pulse_rate_per_s", "number_of_pulses", "primary_angle_deg", "secondary_angle_deg",
    "field_area_cm2", "source_detector_distance_mm", "ctdivol_mgy", "dlp_mgycm",
    "scan_length_mm", "exposure_time_s",
]  # fmt: skip


def _device(report: DoseReport, room: Room | None, ae_title: str) -> Device:
    info = report.device
    device, _ = Device.objects.get_or_create(
        manufacturer=info.manufacturer[:64],
        model_name=info.model_name[:64],
        serial_number=info.serial_number[:64],
        station_name=info.station_name[:64],
        defaults={"observer_uid": info.observer_uid[:64]},
    )
    changed = False
    if ae_title and device.ae_title != ae_title:
        device.ae_title, changed = ae_title, True
    if room is not None and device.room_id != room.pk:
        device.room, changed = room, True
    if changed:
        device.save()
    return device


def _event_values(study_id: int, event: IrradiationEvent) -> dict[str, Any]:
    started = event.started
    if started is not None and timezone.is_naive(started):
        started = timezone.make_aware(started)
    return {
        "study_id": study_id,
        "uid": event.uid[:64],
        "event_type": event.event_type.value,
        "plane": event.plane.value if event.plane else "",
        "started_at": started,
        "protocol": event.protocol[:200],
        "target_region": event.target_region[:100],
        "phantom": event.phantom.value if event.phantom else "",
        **{name: getattr(event, name) for name in EVENT_FIELDS},
    }


def _insert_events(study: DoseStudy, events: Sequence[IrradiationEvent]) -> None:
    """Insert events with one prepared statement run once per event.

    This is the import's largest write (a 30 kB report has a dozen events, a long case a few
    hundred); building a model instance and preparing each of its fields through the ORM cost
    more than the insert itself. Values are adapted by the fields' own `get_db_prep_save`
    where the database needs it (the start time), so the rows equal what the ORM would write.
    """
    if not events:
        return
    rows = [_event_values(study.pk, event) for event in events]
    meta = EventRow._meta
    started = meta.get_field("started_at")
    columns = {field.attname: field.column for field in meta.concrete_fields}
    names = list(rows[0])
    quote = connection.ops.quote_name
    # Table and column names come from the model, values go as parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(meta.db_table),
        ", ".join(quote(columns[name]) for name in names),
        ", ".join(["%s"] * len(names)),
    )
    for row in rows:
        row["started_at"] = started.get_db_prep_save(row["started_at"], connection)
    with connection.cursor() as cursor:
        cursor.executemany(sql, [list(row.values()) for row in rows])


def _plane_row(study: DoseStudy, plane: PlaneTotals) -> DevicePlane:
    return DevicePlane(
        study=study,
        plane=plane.plane.value,
        reference_point=plane.reference_point[:200],
        **{name: getattr(plane, name) for name in PLANE_FIELDS},
    )


def _sum(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else a + b


TOTAL_FIELDS = [
    "kap_gycm2", "ka_r_mgy", "fluoro_kap_gycm2", "acquisition_kap_gycm2", "fluoro_time_s",
    "acquisition_time_s", "radiographic_frames",
]  # fmt: skip


def _set_totals(study: DoseStudy, planes: Sequence[PlaneTotals | DevicePlane]) -> None:
    """The study's totals as the sum over its planes (read from the report or the rows)."""
    for name in TOTAL_FIELDS:
        total = None
        for plane in planes:
            total = _sum(total, getattr(plane, name))
        setattr(study, name, total)


def _replace_planes(study: DoseStudy, report: DoseReport) -> list[DevicePlane]:
    study.planes.all().delete()
    return DevicePlane.objects.bulk_create([_plane_row(study, p) for p in report.planes])


def _add_planes(study: DoseStudy, report: DoseReport) -> list[DevicePlane]:
    existing = {p.plane: p for p in study.planes.all()}
    for plane in report.planes:
        row = existing.get(plane.plane.value)
        if row is None:
            existing[plane.plane.value] = row = _plane_row(study, plane)
        else:
            for name in PLANE_FIELDS:
                setattr(row, name, _sum(getattr(row, name), getattr(plane, name)))
        row.save()
    return list(existing.values())


def _new_study(report: DoseReport, device: Device, room: Room | None) -> DoseStudy:
    """Insert a study seen for the first time: totals from the report, linked before insert."""
    info = report.study
    first = next((e.started for e in report.events if e.started), None)
    study = DoseStudy(
        study_instance_uid=info.study_instance_uid[:64],
        kind=report.kind.value,
        accession_number=info.accession_number[:16],
        reported_patient_id=info.patient_id[:64],
        study_date=info.study_date or (first.date() if first else None),
        study_time=info.study_time,
        device=device,
        room=room or device.room,
        dlp_mgycm=report.dlp_mgycm,
        event_count=len(report.events),  # the reader guarantees one UID per event
    )
    _set_totals(study, report.planes)
    auto_link(study)
    study.save(force_insert=True)
    DevicePlane.objects.bulk_create([_plane_row(study, p) for p in report.planes])
    _insert_events(study, report.events)
    return study


def _merge(study: DoseStudy, report: DoseReport) -> ImportStatus:
    """Fold a further report of a known study in; returns UPDATED or DUPLICATE."""
    known = set(study.events.values_list("uid", flat=True))
    incoming = {e.uid for e in report.events}
    added = [e for e in report.events if e.uid not in known]
    _insert_events(study, added)
    before = (study.kap_gycm2, study.ka_r_mgy, study.fluoro_time_s, study.dlp_mgycm)
    if incoming >= known:  # cumulative report: a superset replaces the totals
        _set_totals(study, _replace_planes(study, report))
        study.dlp_mgycm = report.dlp_mgycm if report.dlp_mgycm is not None else study.dlp_mgycm
    elif not incoming & known:  # a report split across objects: its totals add up
        _set_totals(study, _add_planes(study, report))
        study.dlp_mgycm = _sum(study.dlp_mgycm, report.dlp_mgycm)
    # else a partial overlap: keep the larger totals already stored, add the new events
    study.event_count = len(known) + len(added)
    after = (study.kap_gycm2, study.ka_r_mgy, study.fluoro_time_s, study.dlp_mgycm)
    auto_link(study)
    study.save()
    return ImportStatus.UPDATED if added or after != before else ImportStatus.DUPLICATE


def _room_for(ae_title: str) -> Room | None:
    return Room.objects.filter(ae_title=ae_title).first() if ae_title else None


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
    room = _room_for(ae_title)
    device = _device(report, room, ae_title)
    study = (
        DoseStudy.objects.select_for_update()
        .filter(study_instance_uid=report.study.study_instance_uid)
        .order_by()
        .first()
    )
    if study is None:
        study, status = _new_study(report, device, room), ImportStatus.IMPORTED
    else:
        status = _merge(study, report)
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
    error: RdsrError,
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
    parsed: DoseReport | RdsrError,
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
        if isinstance(parsed, RdsrError):
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
        parse(data, transfer_syntax),
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
    parsed = parse(data)
    if isinstance(parsed, RdsrError):
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
