"""What the interfaces page shows: searches, counts per hour, a message parsed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncHour
from django.utils import timezone

from irsuite.interop.hl7.codec import MessageError, decode, parse
from irsuite.interop.hl7.codes import InboxStatus, OutboxStatus
from irsuite.interop.hl7.fieldnames import field_name
from irsuite.interop.hl7.models import InboxMessage, OutboxMessage


def search(rows: QuerySet[Any], q: str, status: str) -> QuerySet[Any]:
    """Rows whose control id, MRN or accession starts with `q`, in `status` if given."""
    if q:
        rows = rows.filter(
            Q(control_id__startswith=q) | Q(mrn__startswith=q) | Q(accession__startswith=q)
        )
    if status:
        rows = rows.filter(status=status)
    return rows


def hourly(now: dt.datetime | None = None, hours: int = 24) -> list[dict[str, Any]]:
    """Messages in and out per hour over the last `hours`, with the share in error."""
    now = now or timezone.now()
    since = now - dt.timedelta(hours=hours)
    failed_in = Q(status__in=[InboxStatus.ERROR, InboxStatus.REJECTED])
    inbound = (
        InboxMessage.objects.filter(received_at__gte=since)
        .annotate(hour=TruncHour("received_at"))
        .values("hour")
        .annotate(n=Count("id"), bad=Count("id", filter=failed_in))
    )
    outbound = (
        OutboxMessage.objects.filter(created_at__gte=since)
        .annotate(hour=TruncHour("created_at"))
        .values("hour")
        .annotate(n=Count("id"), bad=Count("id", filter=Q(status=OutboxStatus.REFUSED)))
    )
    table: dict[dt.datetime, dict[str, Any]] = {}
    for direction, rows in (("in", inbound), ("out", outbound)):
        for row in rows:
            slot = table.setdefault(
                row["hour"], {"hour": row["hour"], "in": 0, "in_bad": 0, "out": 0, "out_bad": 0}
            )
            slot[direction] += row["n"]
            slot[f"{direction}_bad"] += row["bad"]
    for slot in table.values():
        total = slot["in"] + slot["out"]
        slot["error_rate"] = round(100 * (slot["in_bad"] + slot["out_bad"]) / total, 1)
    return sorted(table.values(), key=lambda s: s["hour"], reverse=True)


def parsed(text: str) -> list[dict[str, Any]]:
    """Segments with numbered, named fields (empty fields left out)."""
    try:
        message = parse(text)
    except MessageError as exc:
        return [{"name": "?", "fields": [{"n": 0, "name": str(exc), "value": ""}]}]
    out = []
    for seg in message.segments:
        fields = [
            {"n": n, "name": field_name(seg.name, n), "value": value}
            for n, value in enumerate(seg.fields)
            if n and value
        ]
        out.append({"name": seg.name, "fields": fields})
    return out


def inbox_text(row: InboxMessage) -> str:
    return decode(bytes(row.raw)).text
