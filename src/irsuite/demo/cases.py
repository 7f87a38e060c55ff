"""Bulk-built synthetic patients, requests and procedures (fast enough for 100,000 cases)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from irsuite.cases.models import (
    AccessSite,
    CaseRole,
    CatalogueEntry,
    DeviceUsed,
    Disposition,
    Priority,
    Procedure,
    ProcedureStatus,
    Request,
    RequestStatus,
    RequestTransition,
    SedationType,
    TeamMember,
    TechnicalSuccess,
)
from irsuite.demo.context import DemoContext
from irsuite.demo.devices import access_for, devices_for
from irsuite.demo.names import FAMILY, GIVEN
from irsuite.demo.plan import INDICATIONS, CaseMix, working_days
from irsuite.patients.models import IdentifierType, Patient, PatientIdentifier, Sex
from irsuite.people.models import Room, Staff
from irsuite.people.roles import StaffRole

CASES_PER_ROOM_DAY = 4
BATCH = 4000
S = RequestStatus
COMPLETED_PATH: list[str] = [
    S.REQUESTED,
    S.VETTED,
    S.SCHEDULED,
    S.READY,
    S.IN_PROGRESS,
    S.COMPLETED,
]


def next_pk(model: Any) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return int(last or 0) + 1


def build_patients(ctx: DemoContext, count: int) -> list[int]:
    """Synthetic patients with an MRN at their home site; returns their ids."""
    first = next_pk(Patient)
    patients, identifiers = [], []
    for offset in ctx.progress(range(count), "patients", count):
        pk = first + offset
        site = ctx.sites[offset % len(ctx.sites)]
        birth = dt.date(1935, 1, 1) + dt.timedelta(days=ctx.rng.randrange(0, 365 * 70))
        patients.append(
            Patient(
                pk=pk,
                given_name=ctx.rng.choice(GIVEN),
                family_name=ctx.rng.choice(FAMILY),
                birth_date=birth,
                sex=ctx.rng.choice([Sex.FEMALE, Sex.MALE]),
                synthetic=True,
                contrast_allergy=ctx.rng.random() < 0.03,
                enterprise_id=f"E{pk:09d}",
                allergies="Iodinated contrast (hives)" if ctx.rng.random() < 0.03 else "",
            )
        )
        identifiers.append(
            PatientIdentifier(
                patient_id=pk,
                type=IdentifierType.MRN,
                site=site,
                value=f"{site.code.upper()}{pk:07d}",
            )
        )
        if len(patients) >= BATCH:
            _flush_patients(patients, identifiers)
    _flush_patients(patients, identifiers)
    return list(range(first, first + count))


def _flush_patients(patients: list[Patient], identifiers: list[PatientIdentifier]) -> None:
    Patient.objects.bulk_create(patients)
    PatientIdentifier.objects.bulk_create(identifiers)
    patients.clear()
    identifiers.clear()


@dataclass
class Team:
    attendings: list[Staff]
    trainees: list[Staff]
    nurses: list[Staff]
    technologists: list[Staff]
    anaesthetists: list[Staff]
    referrers: list[Staff]

    @classmethod
    def of(cls, ctx: DemoContext) -> Team:
        return cls(
            attendings=ctx.staff(StaffRole.ATTENDING) + ctx.staff(StaffRole.QUALITY_LEAD),
            trainees=ctx.staff(StaffRole.FELLOW) + ctx.staff(StaffRole.RESIDENT),
            nurses=ctx.staff(StaffRole.NURSE),
            technologists=ctx.staff(StaffRole.TECHNOLOGIST),
            anaesthetists=ctx.staff(StaffRole.ANAESTHESIA),
            referrers=ctx.staff(StaffRole.REFERRER),
        )


@dataclass
class CaseWriter:
    """Accumulates rows and writes them in batches."""

    ctx: DemoContext
    team: Team
    request_pk: int = field(default_factory=lambda: next_pk(Request))
    procedure_pk: int = field(default_factory=lambda: next_pk(Procedure))
    rows: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, kind: str, row: Any) -> None:
        self.rows.setdefault(kind, []).append(row)

    def flush(self) -> None:
        order: list[tuple[str, Any]] = [
            ("request", Request),
            ("transition", RequestTransition),
            ("procedure", Procedure),
            ("entry", Procedure.entries.through),
            ("team", TeamMember),
            ("access", AccessSite),
            ("device", DeviceUsed),
        ]
        for kind, model in order:
            rows = self.rows.pop(kind, [])
            if rows:
                model.objects.bulk_create(rows, batch_size=2000)

    def request(
        self,
        *,
        entry: CatalogueEntry,
        patient: int,
        room: Room | None,
        start: dt.datetime | None,
        status: str,
        requested_at: dt.datetime,
    ) -> int:
        pk = self.request_pk
        self.request_pk += 1
        indication, codes = INDICATIONS[entry.family]
        rng = self.ctx.rng
        self.add(
            "request",
            Request(
                pk=pk,
                patient_id=patient,
                site_id=(room.site_id if room else self.ctx.sites[0].pk),
                referrer=rng.choice(self.team.referrers),
                referring_service=rng.choice(
                    [
                        "Hepatology",
                        "Oncology",
                        "Urology",
                        "Vascular surgery",
                        "Renal",
                        "General medicine",
                    ]
                ),
                catalogue_entry=entry,
                indication=indication,
                icd10_codes=codes,
                priority=rng.choices(Priority.values, [80, 15, 5])[0],
                status=status,
                accession_number=f"IR{pk:010d}",
                requested_at=requested_at,
                room=room,
                scheduled_start=start,
                scheduled_end=start + dt.timedelta(minutes=entry.default_duration_min)
                if start
                else None,
            ),
        )
        path = (
            COMPLETED_PATH[: COMPLETED_PATH.index(status) + 1]
            if status in COMPLETED_PATH
            else [S.REQUESTED, status]
        )
        for before, after in zip(path, path[1:], strict=False):
            self.add(
                "transition",
                RequestTransition(
                    request_id=pk, from_status=before, to_status=after, at=requested_at
                ),
            )
        return pk

    def procedure(
        self, request_pk: int, entry: CatalogueEntry, room: Room, start: dt.datetime, signed: bool
    ) -> int:
        """A complete case record: times, team, access, devices, findings, signature."""
        rng = self.ctx.rng
        pk = self.procedure_pk
        self.procedure_pk += 1
        minutes = max(10, int(entry.default_duration_min * rng.uniform(0.6, 1.3)))
        begin = start + dt.timedelta(minutes=rng.randint(8, 20))
        end = begin + dt.timedelta(minutes=minutes)
        attending = rng.choice(self.team.attendings)
        sedation = (
            SedationType.GENERAL
            if entry.anaesthesia_usual
            else rng.choices([SedationType.MODERATE, SedationType.LOCAL], [70, 30])[0]
        )
        success = rng.choices(TechnicalSuccess.values, [95, 3, 2])[0]
        self.add(
            "procedure",
            Procedure(
                pk=pk,
                request_id=request_pk,
                room=room,
                day=timezone.localdate(start),
                in_room_at=start,
                start_at=begin,
                end_at=end if signed else None,
                out_at=end + dt.timedelta(minutes=rng.randint(5, 15)) if signed else None,
                guidance=list(entry.guidance),
                sedation_type=sedation,
                contrast_ml=rng.randint(10, 180) if entry.fluoro_dose_expected else None,
                findings=f"{entry.name} performed without immediate complication."
                if signed
                else "",
                technical_success=success if signed else "",
                disposition=rng.choices(
                    [Disposition.HOME, Disposition.WARD, Disposition.OBSERVATION], [55, 35, 10]
                )[0]
                if signed
                else "",
                status=ProcedureStatus.SIGNED if signed else ProcedureStatus.DRAFT,
                signed_by=attending if signed else None,
                signed_at=end + dt.timedelta(hours=rng.randint(1, 6)) if signed else None,
            ),
        )
        self.add("entry", Procedure.entries.through(procedure_id=pk, catalogueentry_id=entry.pk))
        self._team(pk, attending, entry)
        access = access_for(entry, rng)
        if entry.guidance:
            self.add("access", AccessSite(procedure_id=pk, **access))
        for device in devices_for(entry, rng):
            self.add("device", DeviceUsed(procedure_id=pk, **device))
        return pk

    def _team(self, pk: int, attending: Staff, entry: CatalogueEntry) -> None:
        rng = self.ctx.rng
        members = []
        if self.team.trainees and rng.random() < 0.45:
            trainee = rng.choice(self.team.trainees)
            primary = rng.random() < 0.6
            members += [
                (
                    attending,
                    CaseRole.SUPERVISING_ATTENDING if primary else CaseRole.ATTENDING_OPERATOR,
                ),
                (trainee, CaseRole.TRAINEE_PRIMARY if primary else CaseRole.TRAINEE_ASSISTANT),
            ]
        else:
            members.append((attending, CaseRole.ATTENDING_OPERATOR))
        members.append((rng.choice(self.team.nurses), CaseRole.NURSE))
        if entry.fluoro_dose_expected:
            members.append((rng.choice(self.team.technologists), CaseRole.TECHNOLOGIST))
        if entry.anaesthesia_usual and self.team.anaesthetists:
            members.append((rng.choice(self.team.anaesthetists), CaseRole.ANAESTHESIA))
        for staff, role in members:
            self.add("team", TeamMember(procedure_id=pk, staff=staff, role=role))


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def build_history(ctx: DemoContext, mix: CaseMix, patients: list[int], writer: CaseWriter) -> None:
    """`ctx.procedures` signed cases on the weekdays before today, about four per room-day."""
    room_days = math.ceil(ctx.procedures / CASES_PER_ROOM_DAY)
    days = working_days(ctx.today, math.ceil(room_days / len(ctx.rooms)))
    done = 0
    with transaction.atomic():
        for day in ctx.progress(days, "procedures", len(days)):
            for room in ctx.rooms:
                clock = local(day, 8, ctx.rng.choice([0, 15, 30]))
                for _ in range(CASES_PER_ROOM_DAY):
                    if done >= ctx.procedures:
                        break
                    entry = mix.entry_for_room(room)
                    requested = clock - dt.timedelta(days=ctx.rng.randint(1, 21))
                    req = writer.request(
                        entry=entry,
                        patient=ctx.rng.choice(patients),
                        room=room,
                        start=clock,
                        status=S.COMPLETED,
                        requested_at=requested,
                    )
                    writer.procedure(req, entry, room, clock, signed=True)
                    clock += dt.timedelta(minutes=entry.default_duration_min + 30)
                    done += 1
            if len(writer.rows.get("request", [])) >= BATCH:
                writer.flush()
        writer.flush()
