"""Read-side queries of the dose dashboard: the filter, one row per linked study, the series
per room, operator and month, and the charts' summaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import QuerySet

from irsuite.bounds import bounded_int, query_date
from irsuite.cases.models import CaseRole, CatalogueEntry, TeamMember
from irsuite.domain.distribution import BinScale, box_summaries, histogram
from irsuite.domain.dose_drl import local_drls
from irsuite.domain.dose_thresholds import DoseQuantity
from irsuite.dose.reference_levels.queries import summary_fields
from irsuite.dose.studies.models import DoseStudy
from irsuite.people.models import Room, Staff

QUANTITIES = {
    DoseQuantity.KAP_GYCM2: "KAP (Gy·cm²)",
    DoseQuantity.KA_R_MGY: "Ka,r (mGy)",
    DoseQuantity.FLUORO_TIME_S: "Fluoroscopy time (s)",
    DoseQuantity.DLP_MGYCM: "DLP (mGy·cm)",
}


@dataclass(frozen=True)
class DoseFilter:
    quantity: DoseQuantity
    date_from: dt.date
    date_to: dt.date
    entry: str = ""
    room: int | None = None


class Row(NamedTuple):
    """One linked study on the dashboard (a tuple: tens of thousands are made per page)."""

    study: int
    entry: str
    entry_name: str
    room: str
    operator: str
    day: dt.date | None
    value: float


def linked_studies(f: DoseFilter) -> QuerySet[DoseStudy]:
    """Studies linked to a procedure in the period that carry the chosen quantity."""
    studies = DoseStudy.objects.filter(
        procedure__isnull=False,
        study_date__gte=f.date_from,
        study_date__lte=f.date_to,
        **{f"{f.quantity.value}__isnull": False},
    )
    if f.entry:
        studies = studies.filter(procedure__request__catalogue_entry__code=f.entry)
    if f.room:
        studies = studies.filter(procedure__room_id=f.room)
    return studies


def _operators(studies: QuerySet[DoseStudy]) -> dict[int, str]:
    """The attending operator of each procedure of `studies` (the first one added, if several),
    found through a subquery rather than a list of every procedure, names fetched once."""
    members = (
        TeamMember.objects.filter(
            role=CaseRole.ATTENDING_OPERATOR, procedure_id__in=studies.values("procedure_id")
        )
        .order_by("-pk")
        .values_list("procedure_id", "staff_id")
    )
    first = dict(members)  # ordered newest first, so each procedure keeps its first operator
    staff = Staff.objects.filter(pk__in=set(first.values()))
    names = {person.pk: person.display_name for person in staff}
    return {procedure: names[person] for procedure, person in first.items()}


def rows(f: DoseFilter) -> list[Row]:
    """One row per linked study: procedure type, room, operator, day and the value."""
    studies = linked_studies(f)
    values = studies.order_by().values_list(
        "pk",
        "procedure_id",
        "procedure__request__catalogue_entry_id",
        "procedure__room_id",
        "study_date",
        f.quantity.value,
    )
    entries = {
        pk: (code, name)
        for pk, code, name in CatalogueEntry.objects.values_list("pk", "code", "name")
    }
    rooms = dict(Room.objects.values_list("pk", "name"))
    operators = _operators(studies)
    return [
        Row(pk, *entries[entry], rooms[room], operators.get(proc, "unknown"), day, float(value))
        for pk, proc, entry, room, day, value in values
    ]


# The period shown when the query names none: the year up to today.
DEFAULT_PERIOD = dt.timedelta(days=365)


def _day(value: str | None) -> dt.date | None:
    return query_date(value)


def _quantity(value: str | None) -> DoseQuantity:
    try:
        quantity = DoseQuantity(value or DoseQuantity.KAP_GYCM2)
    except ValueError:
        return DoseQuantity.KAP_GYCM2
    return quantity if quantity in QUANTITIES else DoseQuantity.KAP_GYCM2


def dose_filter(params: Mapping[str, str], today: dt.date) -> DoseFilter:
    """The filter a page's query asks for; what is missing or unreadable takes its default."""
    room = params.get("room", "")
    return DoseFilter(
        _quantity(params.get("quantity")),
        _day(params.get("from")) or today - DEFAULT_PERIOD,
        _day(params.get("to")) or today,
        params.get("entry", ""),
        bounded_int(room),
    )


def by_key(data: list[Row], key: str) -> list[dict[str, Any]]:
    """Median, 75th percentile and count per room or operator."""
    index = Row._fields.index(key)
    summaries = local_drls((row[index], row.value) for row in data)
    return [{"key": k, **summary_fields(s)} for k, s in sorted(summaries.items())]


def trend(data: list[Row]) -> list[dict[str, Any]]:
    """Monthly median and 75th percentile."""
    days = {row.day for row in data if row.day is not None}
    month_of = {day: f"{day.year:04d}-{day.month:02d}" for day in days}  # once per day
    months = local_drls((month_of[row.day], row.value) for row in data if row.day is not None)
    return [{"month": m, **summary_fields(s)} for m, s in sorted(months.items())]


def _boxes(rows: Iterable[tuple[str, float]]) -> list[dict[str, Any]]:
    """A five-number summary per key, in key order (the order of the tables beside the chart)."""
    return [
        {
            "name": key,
            "count": box.count,
            "min": box.minimum,
            "q1": box.q1,
            "median": box.median,
            "q3": box.q3,
            "max": box.maximum,
        }
        for key, box in sorted(box_summaries(rows).items())
    ]


def chart_data(data: list[Row]) -> dict[str, Any]:
    """What the charts draw: a box per procedure type, room and operator, and counts per bin.

    Summaries, not values: the page's size depends on the number of groups and bins, never on
    the number of studies.
    """
    counts = histogram([row.value for row in data])
    return {
        "entries": _boxes((row.entry, row.value) for row in data),
        "entry_names": {row.entry: row.entry_name for row in data},
        "rooms": _boxes((row.room, row.value) for row in data),
        "operators": _boxes((row.operator, row.value) for row in data),
        "histogram": {
            "edges": list(counts.edges),
            "counts": list(counts.counts),
            "log": counts.scale is BinScale.LOG,
        },
    }


def drl_values(data: Iterable[Row]) -> Iterable[tuple[str, str, float]]:
    """The (procedure code, procedure name, value) of each row, for the local DRL table."""
    return ((row.entry, row.entry_name, row.value) for row in data)
