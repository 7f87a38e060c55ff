"""API: dose alerts."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from irsuite.apiutil import page
from irsuite.bounds import Limit, Offset
from irsuite.dose.alerts.models import DoseAlert
from irsuite.people.access import allow
from irsuite.people.roles import Capability as C

router = Router(tags=["dose"])


class AlertOut(Schema):
    id: int
    study_id: int
    kind: str
    quantity: str
    measured: float
    threshold: float
    source: str
    verified: bool
    status: str
    raised_at: dt.datetime


class AlertPage(Schema):
    items: list[AlertOut]
    count: int


@router.get("/dose/alerts", response=AlertPage)
@allow(C.VIEW_DOSE)
def alerts(
    request: HttpRequest, limit: Limit = 50, offset: Offset = 0, status: str | None = None
) -> dict[str, object]:
    """Dose alerts, newest first."""
    queryset = DoseAlert.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    items, count = page(queryset, limit, offset)
    return {"items": items, "count": count}
