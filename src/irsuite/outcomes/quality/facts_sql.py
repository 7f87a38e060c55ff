"""Rebuilding every quality fact with set-based SQL (SQLite and PostgreSQL).

Same rules as ``quality_facts.indicator_event``, written as one INSERT ... SELECT per range of
procedure ids, so a million procedures take seconds rather than minutes. The joins are written
as CROSS JOINs so that SQLite walks the procedures of the range first (PostgreSQL plans freely).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction

from irsuite.cases.models import CaseRole, CatalogueEntry, Procedure, ProcedureStatus, TeamMember
from irsuite.domain.catalogue import QualityKind
from irsuite.domain.quality.clinical_success import ClinicalSuccess
from irsuite.outcomes.adverse_events.models import AdverseEvent
from irsuite.outcomes.followup.models import FollowUpVisit
from irsuite.outcomes.quality.facts import FOLLOW_UP_SUCCESS, MAJOR_COMPLICATION, TECHNICAL_SUCCESS
from irsuite.outcomes.quality.models import QualityFact, QualityMonth
from irsuite.outcomes.quality.months import rebuild_all_months

RANGE = 100_000


def _tables() -> dict[str, str]:
    return {
        "fact": QualityFact._meta.db_table,
        "proc": Procedure._meta.db_table,
        "through": Procedure.entries.through._meta.db_table,
        "room": Procedure._meta.get_field("room").related_model._meta.db_table,  # type: ignore[union-attr]
        "team": TeamMember._meta.db_table,
        "ae": AdverseEvent._meta.db_table,
        "visit": FollowUpVisit._meta.db_table,
    }


def _indicators() -> list[tuple[int, str, str]]:
    rows = []
    for pk, quality in CatalogueEntry.objects.values_list("pk", "quality"):
        for item in quality or []:
            rows.append((pk, str(item["indicator"]), str(item["kind"])))
    return rows


def _statement(count: int) -> str:
    t = _tables()
    values = ", ".join(["(%s, %s, %s)"] * count)
    follow = ", ".join(["%s"] * len(FOLLOW_UP_SUCCESS))
    # Table names come from model metadata; every value is a parameter.
    return f"""
    WITH qi(entry_id, indicator, kind) AS (VALUES {values})
    INSERT INTO {t["fact"]} (procedure_id, entry_id, indicator, day, operator_id, room_id,
                             site_id, event)
    SELECT p.id, pe.catalogueentry_id, qi.indicator, p.day,
      COALESCE(
        (SELECT tm.staff_id FROM {t["team"]} tm WHERE tm.procedure_id = p.id AND tm.role = %s
         ORDER BY tm.id LIMIT 1),
        (SELECT tm.staff_id FROM {t["team"]} tm WHERE tm.procedure_id = p.id AND tm.role = %s
         ORDER BY tm.id LIMIT 1)),
      p.room_id, r.site_id,
      CASE
        WHEN qi.kind = %s THEN EXISTS (
          SELECT 1 FROM {t["ae"]} ae WHERE ae.procedure_id = p.id
          AND (ae.indicator = qi.indicator OR (qi.indicator = %s AND ae.major)))
        WHEN qi.indicator = %s THEN p.technical_success = %s
        ELSE NOT EXISTS (
          SELECT 1 FROM {t["visit"]} v WHERE v.procedure_id = p.id AND v.clinical_success = %s)
      END
    FROM {t["proc"]} p
    CROSS JOIN {t["through"]} pe
    CROSS JOIN qi
    CROSS JOIN {t["room"]} r
    WHERE pe.procedure_id = p.id AND qi.entry_id = pe.catalogueentry_id AND r.id = p.room_id
    AND p.status = %s AND p.id >= %s AND p.id < %s AND (
      qi.kind = %s
      OR (qi.indicator = %s AND p.technical_success <> '')
      OR (qi.indicator IN ({follow}) AND EXISTS (
          SELECT 1 FROM {t["visit"]} v WHERE v.procedure_id = p.id
          AND v.clinical_success IN (%s, %s))))
    """  # noqa: S608


def _params(indicators: list[tuple[int, str, str]], low: int, high: int) -> list[Any]:
    complication = QualityKind.COMPLICATION.value
    params: list[Any] = [value for row in indicators for value in row]
    params += [CaseRole.ATTENDING_OPERATOR.value, CaseRole.SUPERVISING_ATTENDING.value]
    params += [complication, MAJOR_COMPLICATION, TECHNICAL_SUCCESS, "success"]
    params += [ClinicalSuccess.FAILURE.value, ProcedureStatus.SIGNED.value, low, high]
    params += [complication, TECHNICAL_SUCCESS, *sorted(FOLLOW_UP_SUCCESS)]
    params += [ClinicalSuccess.SUCCESS.value, ClinicalSuccess.FAILURE.value]
    return params


def rebuild_all_facts_sql(
    progress: Callable[[Iterable[int], str, int], Iterable[int]] | None = None,
) -> int:
    """Delete and recompute every quality fact; returns how many facts exist afterwards."""
    indicators = _indicators()
    QualityFact.objects.all().delete()
    QualityMonth.objects.all().delete()
    last = Procedure.objects.order_by("-pk").values_list("pk", flat=True).first()
    if not indicators or last is None:
        return 0
    starts: Iterable[int] = range(0, last + 1, RANGE)
    if progress is not None:
        starts = progress(starts, "quality facts", last // RANGE + 1)
    sql = _statement(len(indicators))
    _analyze()
    for low in starts:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, _params(indicators, low, low + RANGE))
    _analyze(QualityFact._meta.db_table)
    rebuild_all_months()
    _analyze(QualityMonth._meta.db_table)
    return QualityFact.objects.count()


def _analyze(table: str = "") -> None:
    """PostgreSQL plans these joins badly on tables loaded in bulk without statistics."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}" if table else "ANALYZE")
