"""Procedure lists for the API built from plain rows (no model instances): a page of 50
procedures with their team, access, devices and identifiers in seven flat queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from irsuite.cases.models import AccessSite, DeviceUsed, Procedure, TeamMember
from irsuite.patients.models import IdentifierType, PatientIdentifier
from irsuite.people.models import Staff

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
    "in_room_at",
    "start_at",
    "end_at",
    "out_at",
    "sedation_type",
    "contrast_ml",
    "technical_success",
    "disposition",
    "findings",
    "signed_by_id",
    "signed_at",
    "version",
    "request__patient__given_name",
    "request__patient__family_name",
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
    ref: dict[str, Any] = {"id": patient_id, "research_id": f"P{patient_id:07d}"}
    if mrns is not None:
        ref["name"] = f"{row['request__family_name'].upper()}, {row['request__given_name']}"
        ref["mrn"] = mrns.get((patient_id, row["request__site_id"])) or mrns.get(
            (patient_id, 0), ""
        )
    return ref


def procedure_rows(queryset: QuerySet[Procedure], identified: bool) -> list[dict[str, Any]]:
    """The API shape of each procedure in `queryset` (already sliced to one page)."""
    rows = [
        {
            **r,
            "request__given_name": r.pop("request__patient__given_name"),
            "request__family_name": r.pop("request__patient__family_name"),
        }
        for r in queryset.values(*ROW_FIELDS)
    ]
    ids = [r["id"] for r in rows]
    team, entries = _team(ids), _entries(ids)
    access = _grouped(
        AccessSite.objects.filter(procedure_id__in=ids)
        .order_by("id")
        .values("procedure_id", "kind", "site", "sheath_fr", "closure"),
        "procedure_id",
    )
    devices = _grouped(
        DeviceUsed.objects.filter(procedure_id__in=ids)
        .order_by("id")
        .values("procedure_id", "kind", "name", "manufacturer", "lot", "udi", "quantity"),
        "procedure_id",
    )
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
            "entries": entries[r["id"]],
            "status": r["status"],
            "in_room_at": r["in_room_at"],
            "start_at": r["start_at"],
            "end_at": r["end_at"],
            "out_at": r["out_at"],
            "sedation_type": r["sedation_type"],
            "contrast_ml": r["contrast_ml"],
            "technical_success": r["technical_success"],
            "disposition": r["disposition"],
            "findings": r["findings"] if identified else "",
            "team": team[r["id"]],
            "access_sites": access[r["id"]],
            "devices": devices[r["id"]],
            "signed_by_id": r["signed_by_id"],
            "signed_at": r["signed_at"],
            "version": r["version"],
        }
        for r in rows
    ]
