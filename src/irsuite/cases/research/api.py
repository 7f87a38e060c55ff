"""API for researchers: de-identified procedures (no identifier of patient or staff leaves)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from irsuite.cases.research.queries import deidentifier, procedure_rows, research_procedures
from irsuite.people.access import allow
from irsuite.people.roles import Capability as C

router = Router(tags=["research"])


class ResearchProcedurePage(Schema):
    items: list[dict[str, Any]]
    count: int


@router.get("/research/procedures", response=ResearchProcedurePage)
@allow(C.VIEW_DEIDENTIFIED)
def list_research_procedures(
    request: HttpRequest,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = 500,
    offset: int = 0,
) -> dict[str, Any]:
    """Signed procedures in a period, de-identified (Safe Harbor, with a per-patient date
    shift: the period filters the real dates; the rows carry shifted ones)."""
    found = research_procedures(date_from, date_to)
    limit, offset = max(1, min(limit, 5000)), max(0, min(offset, 2**31))
    rows = procedure_rows(found[offset : offset + limit], deidentifier())
    return {"items": rows, "count": found.count()}
