"""Credentialing report per operator and period: volume, outcomes against the department."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from irsuite.cases.models import CaseRole, CatalogueEntry, Procedure, ProcedureStatus
from irsuite.domain.quality.indicators import IndicatorResult, evaluate
from irsuite.outcomes.adverse_events.models import AdverseEvent
from irsuite.outcomes.quality.models import QualityFact
from irsuite.outcomes.review.models import ReviewCase
from irsuite.people.models import Staff

RESPONSIBLE = (CaseRole.ATTENDING_OPERATOR, CaseRole.SUPERVISING_ATTENDING)


@dataclass(frozen=True)
class EntryOutcomes:
    entry: CatalogueEntry
    cases: int
    own: list[IndicatorResult]
    department: list[IndicatorResult]

    @property
    def pairs(self) -> list[tuple[IndicatorResult, IndicatorResult]]:
        """The operator's result beside the department's, indicator by indicator."""
        return list(zip(self.own, self.department, strict=True))


@dataclass(frozen=True)
class CredentialingReport:
    operator: Staff
    date_from: dt.date
    date_to: dt.date
    volume_by_family: list[tuple[str, int]]
    entries: list[EntryOutcomes]
    adverse_events: int
    major_adverse_events: int
    reviews: dict[str, int]


def _procedures(operator: Staff, start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
    return Procedure.objects.filter(
        status=ProcedureStatus.SIGNED,
        day__gte=start,
        day__lte=end,
        team__staff=operator,
        team__role__in=RESPONSIBLE,
    ).distinct()


def _grouped(rows) -> dict[tuple[int, str], tuple[int, int]]:  # type: ignore[no-untyped-def]
    return {
        (r["entry"], r["indicator"]): (r["events"], r["n"])
        for r in rows.values("entry", "indicator")
        .annotate(n=Count("id"), events=Count("id", filter=Q(event=True)))
        .order_by()
    }


def build_report(operator: Staff, start: dt.date, end: dt.date) -> CredentialingReport:
    """Everything a privileges committee reads about one operator over a period."""
    facts = QualityFact.objects.filter(day__gte=start, day__lte=end)
    own = _grouped(facts.filter(operator=operator))
    entry_ids = {e for e, _ in own}
    department = _grouped(facts.filter(entry_id__in=entry_ids))
    cases = dict(
        facts.filter(operator=operator)
        .values("entry")
        .annotate(n=Count("procedure", distinct=True))
        .order_by()
        .values_list("entry", "n")
    )
    entries = []
    for entry in CatalogueEntry.objects.filter(pk__in=entry_ids).order_by("family", "name"):
        specs = entry.as_domain().quality
        entries.append(
            EntryOutcomes(
                entry,
                cases.get(entry.pk, 0),
                [evaluate(s, *own.get((entry.pk, s.indicator), (0, 0))) for s in specs],
                [evaluate(s, *department.get((entry.pk, s.indicator), (0, 0))) for s in specs],
            )
        )
    procedures = _procedures(operator, start, end)
    volume = list(
        Procedure.objects.filter(pk__in=procedures.values("pk"))
        .values_list("entries__family")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n")
    )
    events = AdverseEvent.objects.filter(procedure__in=procedures.values("pk"))
    reviews = dict(
        ReviewCase.objects.filter(procedure__in=procedures.values("pk"))
        .exclude(outcome="")
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return CredentialingReport(
        operator,
        start,
        end,
        [(str(f), int(n)) for f, n in volume if f],
        entries,
        events.count(),
        events.filter(major=True).count(),
        reviews,
    )
