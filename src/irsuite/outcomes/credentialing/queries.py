"""Credentialing report per operator and period: volume, outcomes against the department."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q, QuerySet

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


class Standard(models.TextChoices):
    """How an operator's results for a procedure stand against the catalogue's thresholds."""

    BELOW = "below", "Below the standard (an indicator past its threshold)"
    MET = "met", "At or above the standard"


@dataclass(frozen=True)
class EntryFilters:
    """Which procedures of the report to show (None: all)."""

    entry: int | None = None
    standard: Standard | None = None


def _results(
    entry: CatalogueEntry, grouped: dict[tuple[int, str], tuple[int, int]]
) -> list[IndicatorResult]:
    """Each of the entry's indicators evaluated over its (events, cases) in `grouped`."""
    specs = entry.as_domain().quality
    return [evaluate(s, *grouped.get((entry.pk, s.indicator), (0, 0))) for s in specs]


def matching_entries(
    operator: Staff, start: dt.date, end: dt.date, filters: EntryFilters
) -> QuerySet[CatalogueEntry]:
    """The procedures the operator has results for in the period that the filters select,
    by family and name. Whether a procedure is below the standard is read from one grouped
    query over the operator's results (one row per procedure and indicator: the catalogue
    bounds it, not the number of cases)."""
    own = _grouped(QualityFact.objects.filter(day__gte=start, day__lte=end, operator=operator))
    ids = {e for e, _ in own}
    if filters.entry is not None:
        ids &= {filters.entry}
    if filters.standard is not None:
        below = {
            entry.pk
            for entry in CatalogueEntry.objects.filter(pk__in=ids)
            if any(r.triggers_review for r in _results(entry, own))
        }
        ids = below if filters.standard == Standard.BELOW else ids - below
    return CatalogueEntry.objects.filter(pk__in=ids).order_by("family", "name", "pk")


def entry_outcomes(
    operator: Staff, start: dt.date, end: dt.date, entries: Iterable[CatalogueEntry]
) -> list[EntryOutcomes]:
    """The operator's results beside the department's for each of `entries` (a page of them:
    the grouped queries read those procedures only)."""
    chosen = list(entries)
    facts = QualityFact.objects.filter(
        day__gte=start, day__lte=end, entry_id__in=[e.pk for e in chosen]
    )
    own_facts = facts.filter(operator=operator)
    own, department = _grouped(own_facts), _grouped(facts)
    cases = dict(
        own_facts.values("entry")
        .annotate(n=Count("procedure", distinct=True))
        .order_by()
        .values_list("entry", "n")
    )
    return [
        EntryOutcomes(
            entry, cases.get(entry.pk, 0), _results(entry, own), _results(entry, department)
        )
        for entry in chosen
    ]


def build_report(
    operator: Staff, start: dt.date, end: dt.date, shown: Iterable[CatalogueEntry] | None = None
) -> CredentialingReport:
    """Everything a privileges committee reads about one operator over a period; the outcomes
    by procedure for the `shown` procedures when given (a page of them), else for all."""
    listed = matching_entries(operator, start, end, EntryFilters()) if shown is None else shown
    entries = entry_outcomes(operator, start, end, listed)
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
