"""Read-side queries of procedures: the filtered list, and its API rows built from plain rows
(no model instances): a page of 50 procedures with their team, access, devices and identifiers
in seven flat queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from irsuite.cases import hooks
from irsuite.cases.procedures.models import AccessSite, DeviceUsed, Procedure, TeamMember
from irsuite.cases.procedures.units import QUANTITIES, amount
from irsuite.cases.queries import matching
from irsuite.patients.models import IdentifierType, PatientIdentifier, research_id_of
from irsuite.people.models import Room, Staff

# The catalogue's large JSON parts, which lists never need.
CATALOGUE_BULK_FIELDS = ("cpt", "consent", "follow_up", "quality", "discharge_instructions")

# Fields the API shows as they are stored.
RECORDED_FIELDS = (
    "in_room_at",
    "start_at",
    "end_at",
    "out_at",
    "sedation_type",
    "contrast_ml",
    "technical_success",
    "disposition",
)
ROW_FIELDS = (
    "id",
    "request_id",
    "request__accession_number",
    "request__patient_id",
    "request__site_id",
    "day",
    "room__site__code",
    "room_id",
    "room__name",
    "status",
    *RECORDED_FIELDS,
    "findings",
    "signed_by_id",
    "signed_at",
    "version",
    "request__patient__given_name",
    "request__patient__family_name",
)


def site_room_ids(site: str) -> list[int]:
    """The ids of a site's rooms."""
    return list(Room.objects.filter(site__code=site).values_list("pk", flat=True))


def procedures(
    *,
    day: dt.date | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    site: str | None = None,
    room: int | None = None,
    status: str | None = None,
    operator: int | None = None,
    for_count: bool = False,
) -> QuerySet[Procedure]:
    """Procedures filtered by day or period, site, room, status and team member.

    A list page walks the (status, day) index in date order and stops after a page; a count
    (`for_count=True`) resolves the site to its rooms and runs on the (status, room, day)
    index alone. Each shape is fast for its own query and slow for the other's."""
    items = matching(
        Procedure.objects.all(),
        day=day,
        day__gte=date_from,
        day__lte=date_to,
        room_id=room,
        status=status,
    )
    if site and for_count:
        items = items.filter(room_id__in=site_room_ids(site))
    elif site:
        items = items.filter(room__site__code=site)
    if operator:
        items = items.filter(team__staff_id=operator).distinct()
    if for_count:
        return items
    return (
        items.select_related(
            "request__patient",
            "request__site",
            "request__catalogue_entry",
            "room__site",
            "signed_by",
        )
        .defer(*(f"request__catalogue_entry__{name}" for name in CATALOGUE_BULK_FIELDS))
        .order_by("-day", "-start_at", "-pk")
    )


def _grouped(rows: Iterable[Any], key: str) -> dict[int, list[dict[str, Any]]]:
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row.pop(key)].append(row)
    return groups


def _team(ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    rows = (
        TeamMember.objects.filter(procedure_id__in=ids)
        .order_by("role")
        .values(
            "procedure_id",
            "staff_id",
            "role",
            "staff__given_name",
            "staff__family_name",
            "staff__role",
        )
    )
    team: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        staff = Staff(
            given_name=row["staff__given_name"],
            family_name=row["staff__family_name"],
            role=row["staff__role"],
        )
        team[row["procedure_id"]].append(
            {"staff_id": row["staff_id"], "name": staff.display_name, "role": row["role"]}
        )
    return team


def _entries(ids: list[int]) -> dict[int, list[str]]:
    through = Procedure.entries.through.objects.filter(procedure_id__in=ids).order_by("id")
    entries: dict[int, list[str]] = defaultdict(list)
    for row in through.values("procedure_id", "catalogueentry__code"):
        entries[row["procedure_id"]].append(row["catalogueentry__code"])
    return entries


def _mrns(patient_ids: set[int]) -> dict[tuple[int, int], str]:
    rows = (
        PatientIdentifier.objects.filter(patient_id__in=patient_ids, type=IdentifierType.MRN)
        .order_by("id")
        .values_list("patient_id", "site_id", "value")
    )
    found: dict[tuple[int, int], str] = {}
    for patient_id, site_id, value in rows:
        found.setdefault((patient_id, site_id), value)
        found.setdefault((patient_id, 0), value)
    return found


def _patient(row: dict[str, Any], mrns: dict[tuple[int, int], str] | None) -> dict[str, Any]:
    patient_id = row["request__patient_id"]
    ref: dict[str, Any] = {"id": patient_id, "research_id": research_id_of(patient_id)}
    if mrns is not None:
        ref["name"] = f"{row['request__family_name'].upper()}, {row['request__given_name']}"
        ref["mrn"] = mrns.get((patient_id, row["request__site_id"])) or mrns.get(
            (patient_id, 0), ""
        )
    return ref


def _flat_rows(queryset: QuerySet[Procedure]) -> list[dict[str, Any]]:
    return [
        {
            **r,
            "request__given_name": r.pop("request__patient__given_name"),
            "request__family_name": r.pop("request__patient__family_name"),
        }
        for r in queryset.values(*ROW_FIELDS)
    ]


def _parts(ids: list[int]) -> dict[str, dict[int, list[Any]]]:
    """Each procedure's team, catalogue entries, access sites and devices, by procedure id."""
    access = AccessSite.objects.filter(procedure_id__in=ids).order_by("id")
    devices = DeviceUsed.objects.filter(procedure_id__in=ids).order_by("id")
    return {
        "team": _team(ids),
        "entries": _entries(ids),
        "access_sites": _grouped(
            access.values("procedure_id", "kind", "site", "sheath_fr", "closure"),
            "procedure_id",
        ),
        "devices": _grouped(
            devices.values(
                "procedure_id", "kind", "name", "manufacturer", "lot", "udi", "quantity"
            ),
            "procedure_id",
        ),
    }


def procedure_rows(queryset: QuerySet[Procedure], identified: bool) -> list[dict[str, Any]]:
    """The API shape of each procedure in `queryset` (already sliced to one page)."""
    rows = _flat_rows(queryset)
    parts = _parts([r["id"] for r in rows])
    mrns = _mrns({r["request__patient_id"] for r in rows}) if identified else None
    return [
        {
            "id": r["id"],
            "request_id": r["request_id"],
            "accession_number": r["request__accession_number"],
            "patient": _patient(r, mrns),
            "day": r["day"],
            "site": r["room__site__code"],
            "room_id": r["room_id"],
            "room": r["room__name"],
            "entries": parts["entries"][r["id"]],
            "status": r["status"],
            **{name: r[name] for name in RECORDED_FIELDS},
            "findings": r["findings"] if identified else "",
            "team": parts["team"][r["id"]],
            "access_sites": parts["access_sites"][r["id"]],
            "devices": parts["devices"][r["id"]],
            "signed_by_id": r["signed_by_id"],
            "signed_at": r["signed_at"],
            "version": r["version"],
        }
        for r in rows
    ]


def dose_on_record(procedure: Procedure) -> dict[str, Any] | None:
    """The procedure's radiation dose as pages show it: from its linked dose reports when the
    dose area has any, else as entered by hand; each value in words with its unit."""
    linked: dict[str, Any] | None = None
    for provider in hooks.REPORT_DOSE_PROVIDERS:
        linked = provider(procedure) or None
        if linked:
            break
    figures: dict[str, Any] = linked or dict(procedure.hand_dose)
    values = [
        {"label": QUANTITIES[key].short, "text": amount(key, value)}
        for key, value in figures.items()
        if key in QUANTITIES and value is not None
    ]
    if not values:
        return None
    return {
        "source": "from the unit's dose report" if linked else "entered by hand",
        "hand": not linked,
        "values": values,
        "alerts": list((linked or {}).get("alerts") or []),
    }
