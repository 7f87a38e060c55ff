"""Keeping the pre-aggregated quality facts in step with procedures, events and follow-up.

A signed procedure yields one fact per quality indicator of each of its catalogue entries, when
the record holds what the indicator needs:
- complication indicators: an event when an adverse event on the procedure is tagged with the
  indicator (for ``major_complication``, also when any of its adverse events is major);
- ``technical_success``: from the procedure record (left out while not recorded);
- ``clinical_success``, ``technique_efficacy``, ``haemodynamic_success``: from the verdict of the
  follow-up visits (left out while unknown);
- ``diagnostic_yield``: from the procedure's "sample adequate for diagnosis" (left out while
  not recorded);
- other success indicators are not recorded yet and have no facts.
Draft procedures have no facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from irsuite.cases.models import (
    CaseRole,
    CatalogueEntry,
    Procedure,
    ProcedureStatus,
    SampleAdequacy,
    TeamMember,
    TechnicalSuccess,
)
from irsuite.domain.catalogue import QualityKind
from irsuite.domain.quality.clinical_success import ClinicalSuccess
from irsuite.outcomes.adverse_events.models import AdverseEvent
from irsuite.outcomes.followup.models import FollowUpVisit
from irsuite.outcomes.quality.models import QualityFact
from irsuite.outcomes.quality.months import keys_of, month_of, rebuild_all_months, refresh_months

MAJOR_COMPLICATION = "major_complication"
TECHNICAL_SUCCESS = "technical_success"
DIAGNOSTIC_YIELD = "diagnostic_yield"
FOLLOW_UP_SUCCESS = frozenset({"clinical_success", "technique_efficacy", "haemodynamic_success"})
OPERATOR_ROLES = (CaseRole.ATTENDING_OPERATOR, CaseRole.SUPERVISING_ATTENDING)


@dataclass(frozen=True)
class CaseOutcome:
    """What the fact rules need to know about one procedure."""

    technical_success: str
    ae_indicators: frozenset[str]
    any_major: bool
    clinical: str  # a ClinicalSuccess value
    sample_adequacy: str = ""  # a SampleAdequacy value, "" while not recorded


def responsible_operator(team: Iterable[tuple[int, str]]) -> int | None:
    """The attending answerable for the case: the operator, else the supervising attending."""
    by_role = {role: staff_id for staff_id, role in team}
    for role in OPERATOR_ROLES:
        if role in by_role:
            return by_role[role]
    return None


def indicator_event(item: dict[str, Any], outcome: CaseOutcome) -> bool | None:
    """Whether the case is an event for one catalogue quality item (None: not counted)."""
    name = str(item["indicator"])
    if item.get("kind") == QualityKind.SUCCESS.value:
        if name in FOLLOW_UP_SUCCESS:
            if outcome.clinical == ClinicalSuccess.UNKNOWN.value:
                return None
            return outcome.clinical == ClinicalSuccess.SUCCESS.value
        if name == DIAGNOSTIC_YIELD:
            if not outcome.sample_adequacy:
                return None
            return outcome.sample_adequacy == SampleAdequacy.ADEQUATE
        if name != TECHNICAL_SUCCESS or not outcome.technical_success:
            return None
        return outcome.technical_success == TechnicalSuccess.SUCCESS
    if name == MAJOR_COMPLICATION:
        return outcome.any_major or name in outcome.ae_indicators
    return name in outcome.ae_indicators


def _clinical_verdict(verdicts: Iterable[str]) -> str:
    values = set(verdicts)
    for verdict in (ClinicalSuccess.FAILURE, ClinicalSuccess.SUCCESS):
        if verdict.value in values:
            return str(verdict.value)
    return ClinicalSuccess.UNKNOWN.value


def _outcomes(procedure_ids: list[int]) -> dict[int, CaseOutcome]:
    indicators: dict[int, set[str]] = {}
    major: set[int] = set()
    for pid, indicator, is_major in AdverseEvent.objects.filter(
        procedure_id__in=procedure_ids
    ).values_list("procedure_id", "indicator", "major"):
        if indicator:
            indicators.setdefault(pid, set()).add(indicator)
        if is_major:
            major.add(pid)
    verdicts: dict[int, list[str]] = {}
    for pid, verdict in FollowUpVisit.objects.filter(procedure_id__in=procedure_ids).values_list(
        "procedure_id", "clinical_success"
    ):
        verdicts.setdefault(pid, []).append(verdict)
    result = {}
    for pid, success, sample in Procedure.objects.filter(pk__in=procedure_ids).values_list(
        "pk", "technical_success", "sample_adequacy"
    ):
        result[pid] = CaseOutcome(
            success,
            frozenset(indicators.get(pid, ())),
            pid in major,
            _clinical_verdict(verdicts.get(pid, [])),
            sample,
        )
    return result


def _facts(procedures: list[Procedure]) -> Iterator[QualityFact]:
    outcomes = _outcomes([p.pk for p in procedures])
    for procedure in procedures:
        operator = responsible_operator((m.staff_id, m.role) for m in procedure.team.all())
        for entry in procedure.entries.all():
            for item in entry.quality or []:
                event = indicator_event(item, outcomes[procedure.pk])
                if event is None:
                    continue
                yield QualityFact(
                    procedure_id=procedure.pk,
                    entry_id=entry.pk,
                    indicator=str(item["indicator"]),
                    day=procedure.day,
                    operator_id=operator,
                    room_id=procedure.room_id,
                    site_id=procedure.room.site_id,
                    event=event,
                )


def _signed(ids: Iterable[int]) -> list[Procedure]:
    return list(
        Procedure.objects.filter(pk__in=list(ids), status=ProcedureStatus.SIGNED)
        .select_related("room")
        .prefetch_related("entries", "team")
    )


@transaction.atomic
def refresh_facts(procedure_ids: Iterable[int]) -> int:
    """Recompute the facts of these procedures; returns how many facts now exist for them."""
    ids = list(procedure_ids)
    stale = QualityFact.objects.filter(procedure_id__in=ids)
    touched = keys_of(stale)
    stale.delete()
    facts = list(_facts(_signed(ids)))
    QualityFact.objects.bulk_create(facts, batch_size=2000)
    refresh_months(touched | {(f.entry_id, month_of(f.day)) for f in facts})
    return len(facts)


def _bulk_chunk(pks: list[int], entries: dict[int, tuple[int, list[dict[str, Any]]]]) -> int:
    """Facts of one chunk of signed procedures, read as plain values (no model instances)."""
    through = Procedure.entries.through
    entry_ids: dict[int, list[int]] = {}
    for pid, eid in through.objects.filter(procedure_id__in=pks).values_list(
        "procedure_id", "catalogueentry_id"
    ):
        entry_ids.setdefault(pid, []).append(eid)
    teams: dict[int, list[tuple[int, str]]] = {}
    for pid, staff_id, role in TeamMember.objects.filter(
        procedure_id__in=pks, role__in=OPERATOR_ROLES
    ).values_list("procedure_id", "staff_id", "role"):
        teams.setdefault(pid, []).append((staff_id, role))
    outcomes = _outcomes(pks)
    facts = []
    for pid, day, room_id, site_id in Procedure.objects.filter(pk__in=pks).values_list(
        "pk", "day", "room_id", "room__site_id"
    ):
        operator = responsible_operator(teams.get(pid, []))
        for eid in entry_ids.get(pid, []):
            for item in entries[eid][1]:
                event = indicator_event(item, outcomes[pid])
                if event is not None:
                    facts.append(
                        QualityFact(
                            procedure_id=pid,
                            entry_id=eid,
                            indicator=str(item["indicator"]),
                            day=day,
                            operator_id=operator,
                            room_id=room_id,
                            site_id=site_id,
                            event=event,
                        )
                    )
    QualityFact.objects.bulk_create(facts, batch_size=5000)
    return len(facts)


def rebuild_all_facts(chunk: int = 5000, progress: Any = None) -> int:
    """Recompute every fact (after a bulk import or the demo build), chunk by chunk."""
    entries = {
        pk: (pk, list(quality or []))
        for pk, quality in CatalogueEntry.objects.values_list("pk", "quality")
    }
    ids = list(
        Procedure.objects.filter(status=ProcedureStatus.SIGNED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    QualityFact.objects.all().delete()
    chunks = [ids[i : i + chunk] for i in range(0, len(ids), chunk)]
    if progress is not None:
        chunks = progress(chunks, "quality facts", len(chunks))
    total = 0
    for part in chunks:
        with transaction.atomic():
            total += _bulk_chunk(part, entries)
    rebuild_all_months()
    return total
