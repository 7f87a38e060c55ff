"""The rows of a dose study written from a report: device, study totals, planes, events.

A study seen for the first time takes the report's totals; a further report of a known study
is folded in (a cumulative superset replaces the totals, a split report adds to them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.domain.rdsr import DoseReport, IrradiationEvent, PlaneTotals
from irsuite.dose.importing.linking import auto_link
from irsuite.dose.studies.models import Device, DevicePlane, DoseStudy
from irsuite.dose.studies.models import IrradiationEvent as EventRow
from irsuite.people.models import Room

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


def device_for(report: DoseReport, ae_title: str) -> Device:
    """The report's device, found or added; its room is settled by `room_of_device`."""
    info = report.device
    device, _ = Device.objects.get_or_create(
        manufacturer=info.manufacturer[:64],
        model_name=info.model_name[:64],
        serial_number=info.serial_number[:64],
        station_name=info.station_name[:64],
        defaults={"observer_uid": info.observer_uid[:64]},
    )
    if ae_title and device.ae_title != ae_title:
        device.ae_title = ae_title
        device.save(update_fields=["ae_title"])
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


def new_study(report: DoseReport, device: Device, room: Room | None) -> DoseStudy:
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
        room=room,
        dlp_mgycm=report.dlp_mgycm,
        event_count=len(report.events),  # the reader guarantees one UID per event
    )
    _set_totals(study, report.planes)
    auto_link(study)
    study.save(force_insert=True)
    DevicePlane.objects.bulk_create([_plane_row(study, p) for p in report.planes])
    _insert_events(study, report.events)
    return study


def merge(study: DoseStudy, report: DoseReport) -> bool:
    """Fold a further report of a known study in; whether it changed the study."""
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
    return bool(added) or after != before


def room_for(ae_title: str) -> Room | None:
    return Room.objects.filter(ae_title=ae_title).first() if ae_title else None


# Audit channel of what a DICOM caller caused.
DICOM_CHANNEL = "dicom"


def room_of_device(device: Device, calling_room: Room | None) -> Room | None:
    """The room a report from `device` belongs to, given the room its caller's AE title names.

    An unbound device is bound to the caller's room. A bound device keeps its room whatever
    the caller says (an AE title is easily configured wrongly or forged); the disagreement is
    audited so that a physicist can look at it. Runs inside the import transaction.
    """
    if calling_room is None or device.room_id == calling_room.pk:
        return device.room
    if device.room_id is None:
        device.room = calling_room
        device.save(update_fields=["room"])
        return calling_room
    record(
        None,
        AuditAction.CHANGE,
        device,
        summary=(
            f"device kept in room {device.room_id}: calling AE title names room {calling_room.pk}"
        ),
        channel=DICOM_CHANNEL,
    )
    return device.room
