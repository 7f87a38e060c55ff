"""The physicist's list of dose studies: search (patient name, MRN, accession) and filters
(kind, linked or not, room, operator, period), with each study's procedure, patient and
operator read in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from irsuite.cases.models import CaseRole, TeamMember
from irsuite.cases.procedures.models import OPERATOR_CASE_ROLES
from irsuite.dose.studies.models import DoseStudy


@dataclass(frozen=True)
class StudyFilters:
    """What the list is narrowed to; empty values filter nothing."""

    q: str = ""
    kind: str = ""
    linked: str = ""  # "yes", "no" or ""
    room: int | None = None
    operator: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def any(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


def studies(filters: StudyFilters) -> QuerySet[DoseStudy]:
    """Studies matching `filters`, newest first, with what the list shows loaded."""
    rows = DoseStudy.objects.select_related(
        "device", "room", "patient", "procedure__request__catalogue_entry"
    )
    text = filters.q.strip()
    if text:
        rows = rows.filter(
            Q(accession_number__iexact=text)
            | Q(patient__identifiers__value__iexact=text)
            | Q(patient__family_name__istartswith=text)
            | Q(procedure__request__accession_number__iexact=text)
        ).distinct()
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.linked in ("yes", "no"):
        rows = rows.filter(procedure__isnull=filters.linked == "no")
    if filters.room:
        rows = rows.filter(room_id=filters.room)
    if filters.operator:
        rows = rows.filter(
            procedure__team__staff_id=filters.operator,
            procedure__team__role__in=OPERATOR_CASE_ROLES,
        ).distinct()
    if filters.date_from:
        rows = rows.filter(study_date__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(study_date__lte=filters.date_to)
    return rows.order_by("-study_date", "-study_time", "-pk")


# Who counts as a study's operator, first found first.
PREFERENCE = (
    CaseRole.ATTENDING_OPERATOR,
    CaseRole.SUPERVISING_ATTENDING,
    CaseRole.TRAINEE_PRIMARY,
)


def operators_of(procedure_ids: list[int]) -> dict[int, str]:
    """The operator of each procedure: the attending operator, else the supervising attending,
    else the trainee who operated."""
    found: dict[int, tuple[int, str]] = {}
    members = TeamMember.objects.filter(
        procedure_id__in=procedure_ids, role__in=PREFERENCE
    ).select_related("staff")
    for member in members:
        rank = PREFERENCE.index(CaseRole(member.role))
        kept = found.get(member.procedure_id)
        if kept is None or rank < kept[0]:
            found[member.procedure_id] = (rank, member.staff.display_name)
    return {pid: name for pid, (_, name) in found.items()}


def with_operators(page: Any) -> list[DoseStudy]:
    """The page's studies, each with `operator_name` (empty when not linked or not recorded)."""
    items = list(page)
    names = operators_of([s.procedure_id for s in items if s.procedure_id])
    for item in items:
        item.operator_name = names.get(item.procedure_id, "") if item.procedure_id else ""
    return items
