"""API for researchers: de-identified procedures (no identifier of patient or staff leaves)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from irsuite.bounds import Limit, Offset, QueryDate
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
    date_from: QueryDate | None = None,
    date_to: QueryDate | None = None,
    limit: Limit = 500,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Signed procedures in a period, de-identified (Safe Harbor, with a per-patient date
    shift: the period filters the real dates; the rows carry shifted ones)."""
    found = research_procedures(date_from, date_to)
    limit, offset = max(1, min(limit, 5000)), max(0, min(offset, 2**31))
    rows = procedure_rows(found[offset : offset + limit], deidentifier())
    return {"items": rows, "count": found.count()}
