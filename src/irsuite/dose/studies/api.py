"""API: dose studies with their irradiation events."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from irsuite.apiutil import page
from irsuite.bounds import DbId, Limit, Offset
from irsuite.dose.studies.models import DoseStudy
from irsuite.people.access import allow
from irsuite.people.roles import Capability as C

router = Router(tags=["dose"])


class StudyOut(Schema):
    id: int
    study_instance_uid: str
    kind: str
    study_date: dt.date | None
    accession_number: str
    procedure_id: int | None
    link_method: str
    event_count: int
    kap_gycm2: float | None
    ka_r_mgy: float | None
    fluoro_time_s: float | None
    acquisition_time_s: float | None
    radiographic_frames: int | None
    dlp_mgycm: float | None
    peak_skin_dose_mgy: float | None


class EventOut(Schema):
    uid: str
    event_type: str
    plane: str
    started_at: dt.datetime | None
    protocol: str
    kap_gycm2: float | None
    ka_r_mgy: float | None
    kvp: float | None
    tube_current_ma: float | None
    pulse_rate_per_s: float | None
    primary_angle_deg: float | None
    secondary_angle_deg: float | None
    ctdivol_mgy: float | None
    dlp_mgycm: float | None


class StudyDetailOut(StudyOut):
    events: list[EventOut]

    @staticmethod
    def resolve_events(obj: DoseStudy) -> list[object]:
        return list(obj.events.all())


class StudyPage(Schema):
    items: list[StudyOut]
    count: int


@router.get("/dose/studies", response=StudyPage)
@allow(C.VIEW_DOSE)
def studies(
    request: HttpRequest,
    limit: Limit = 50,
    offset: Offset = 0,
    procedure: DbId | None = None,
    unlinked: bool = False,
) -> dict[str, object]:
    """Dose studies, newest first; filter by procedure or list the unlinked ones."""
    queryset = DoseStudy.objects.all()
    if procedure is not None:
        queryset = queryset.filter(procedure_id=procedure)
    if unlinked:
        queryset = queryset.filter(procedure__isnull=True)
    items, count = page(queryset, limit, offset)
    return {"items": items, "count": count}


@router.get("/dose/studies/{study_id}", response=StudyDetailOut)
@allow(C.VIEW_DOSE)
def study(request: HttpRequest, study_id: DbId) -> DoseStudy:
    """One study with every irradiation event."""
    return get_object_or_404(DoseStudy, pk=study_id)
