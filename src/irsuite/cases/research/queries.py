"""The researcher's data: procedures and patients, de-identified by Safe Harbor rules.

Every row a researcher receives is built here and passes through `domain.deidentify` with the
rules below: a field without a rule never leaves (deny by default). Research ids are keyed
hashes (HMAC with IRSUITE_RESEARCH_KEY), stable per patient and never the primary key; dates
move by a per-patient shift and keep their intervals; ages over 89 are grouped; staff appear as
stable pseudonyms; free text, accession numbers, device serials, lots and UDIs, names and MRNs
are never selected at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from irsuite.cases.models import Procedure, ProcedureStatus
from irsuite.domain.deidentify import Deidentifier, Rule

PROCEDURE_RULES: dict[str, Rule] = {
    "patient": Rule.RESEARCH_ID,
    "procedure_day": Rule.DATE,
    "catalogue_code": Rule.KEEP,
    "family": Rule.KEEP,
    "priority": Rule.KEEP,
    "sedation_type": Rule.KEEP,
    "contrast_ml": Rule.KEEP,
    "minutes": Rule.KEEP,
    "technical_success": Rule.KEEP,
    "disposition": Rule.KEEP,
    "age_at_procedure": Rule.AGE,
    "sex": Rule.KEEP,
    "operator": Rule.STAFF,
}

PATIENT_RULES: dict[str, Rule] = {
    "patient": Rule.RESEARCH_ID,
    "birth_date": Rule.BIRTH_YEAR,
    "sex": Rule.KEEP,
}


def deidentifier() -> Deidentifier:
    """The site's de-identifier (its key comes from IRSUITE_RESEARCH_KEY)."""
    return Deidentifier(key=settings.RESEARCH_KEY.encode(), today=timezone.localdate())


def research_procedures(date_from: dt.date | None, date_to: dt.date | None) -> QuerySet[Procedure]:
    """Signed procedures in a period (the real dates, before any shift), oldest first."""
    found = Procedure.objects.filter(status=ProcedureStatus.SIGNED)
    if date_from:
        found = found.filter(day__gte=date_from)
    if date_to:
        found = found.filter(day__lte=date_to)
    return found.order_by("day", "pk")


def _minutes(start: dt.datetime | None, end: dt.datetime | None) -> int | None:
    if start is None or end is None or end < start:
        return None
    return int((end - start).total_seconds() // 60)


def procedure_rows(procedures: QuerySet[Procedure], d: Deidentifier) -> list[dict[str, Any]]:
    """One de-identified row per procedure."""
    rows = procedures.values(
        "day",
        "start_at",
        "end_at",
        "sedation_type",
        "contrast_ml",
        "technical_success",
        "disposition",
        "signed_by_id",
        "request__patient_id",
        "request__patient__birth_date",
        "request__patient__sex",
        "request__priority",
        "request__catalogue_entry__code",
        "request__catalogue_entry__family",
    )
    out = []
    for r in rows:
        patient = r["request__patient_id"]
        born: dt.date = r["request__patient__birth_date"]
        raw = {
            "patient": patient,
            "procedure_day": r["day"],
            "catalogue_code": r["request__catalogue_entry__code"],
            "family": r["request__catalogue_entry__family"],
            "priority": r["request__priority"],
            "sedation_type": r["sedation_type"],
            "contrast_ml": float(r["contrast_ml"]) if r["contrast_ml"] is not None else None,
            "minutes": _minutes(r["start_at"], r["end_at"]),
            "technical_success": r["technical_success"],
            "disposition": r["disposition"],
            "age_at_procedure": _age(born, r["day"]),
            "sex": r["request__patient__sex"],
            "operator": r["signed_by_id"],
        }
        out.append(d.apply(raw, PROCEDURE_RULES, patient_key=patient))
    return out


def _age(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
