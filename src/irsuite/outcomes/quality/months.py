"""Monthly quality counts, derived from the quality facts and refreshed with them.

A month's rows for one catalogue entry are always recomputed whole from that month's facts
(``INSERT ... SELECT`` with a grouped count), so they can never drift from the facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from irsuite.outcomes.quality.models import QualityFact, QualityMonth

MonthKey = tuple[int, dt.date]  # catalogue entry pk, first day of the month


def month_of(day: dt.date) -> dt.date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    """The first day of the month after ``month``."""
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def full_months(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    """The whole calendar months inside [start, end] as [first, after), or None."""
    first = start if start.day == 1 else next_month(start)
    after = month_of(end + dt.timedelta(days=1))
    return (first, after) if first < after else None


def keys_of(facts: QuerySet[QualityFact]) -> set[MonthKey]:
    """The (entry, month) pairs these facts fall in."""
    return {(entry, month_of(day)) for entry, day in facts.values_list("entry_id", "day")}


def insert_grouped(facts: QuerySet[Any], month_model: Any = QualityMonth) -> None:
    """Insert the monthly counts of ``facts`` (the migration passes its historical models)."""
    grouped = (
        facts.annotate(month_start=TruncMonth("day"))
        .values("entry_id", "indicator", "operator_id", "month_start")
        .annotate(cases=Count("id"), events=Count("id", filter=Q(event=True)))
        .order_by()
    )
    select, params = grouped.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(c) for c in ("entry_id", "indicator", "operator_id", "month", "cases", "events")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(month_model._meta.db_table)} ({columns}) {select}", params
        )


@transaction.atomic
def refresh_months(keys: Iterable[MonthKey]) -> None:
    """Recompute the monthly counts of these (entry, month) pairs from their facts."""
    for entry, month in sorted(set(keys)):
        QualityMonth.objects.filter(entry_id=entry, month=month).delete()
        insert_grouped(
            QualityFact.objects.filter(entry_id=entry, day__gte=month, day__lt=next_month(month))
        )


@transaction.atomic
def rebuild_all_months() -> int:
    """Recompute every monthly count from the facts; returns how many rows exist afterwards."""
    QualityMonth.objects.all().delete()
    insert_grouped(QualityFact.objects.all())
    return QualityMonth.objects.count()
