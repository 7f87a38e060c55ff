"""Read side of trainee case logs: rows, counts by family and role, progress to minimums."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, QuerySet

from irsuite.cases.models import CaseRole, Procedure, ProcedureCode, ProcedureStatus, TeamMember
from irsuite.cases.procedures.models import TRAINEE_CASE_ROLES
from irsuite.domain.catalogue import Family
from irsuite.domain.quality.caselog import (
    MinimumSet,
    Progress,
    TraineeRole,
    progress,
    total_progress,
)
from irsuite.errors import NotFound
from irsuite.outcomes.caselog.models import CaseAttestation, TraineeProgramme
from irsuite.outcomes.reference import default_programmes, minimum_sets
from irsuite.people.access import has_capability, staff_of
from irsuite.people.models import Staff
from irsuite.people.policy import NOT_FOUND
from irsuite.people.roles import Capability

SUPERVISOR_ROLES = (CaseRole.ATTENDING_OPERATOR, CaseRole.SUPERVISING_ATTENDING)
ROLE_OF_CASE_ROLE: dict[str, TraineeRole] = {
    CaseRole.TRAINEE_PRIMARY: TraineeRole.PRIMARY,
    CaseRole.TRAINEE_ASSISTANT: TraineeRole.ASSISTANT,
    CaseRole.TRAINEE_OBSERVER: TraineeRole.OBSERVER,
}


def may_view(user: AbstractBaseUser | AnonymousUser, trainee: Staff) -> bool:
    """Trainees see their own log; supervising attendings, quality leads and administrators
    see any trainee's."""
    me = staff_of(user)
    own = me is not None and me.pk == trainee.pk and has_capability(user, Capability.VIEW_CASELOG)
    return own or has_capability(user, Capability.ATTEST_CASE, Capability.ADMINISTER)


def ensure_can_view(user: AbstractBaseUser | AnonymousUser, trainee: Staff) -> None:
    """Refuse a log the user may not see exactly as a trainee that does not exist."""
    if not may_view(user, trainee):
        raise NotFound(NOT_FOUND)


def trainee_for(user: AbstractBaseUser | AnonymousUser, trainee_id: object) -> Staff:
    """The trainee whose log the user asked for, or NotFound (missing or not theirs to see)."""
    try:
        key = int(str(trainee_id))
    except ValueError:
        raise NotFound(NOT_FOUND) from None
    trainee = Staff.objects.filter(pk=key).first() if 0 < key < 2**63 else None
    if trainee is None:
        raise NotFound(NOT_FOUND)
    ensure_can_view(user, trainee)
    return trainee


def programme_of(trainee: Staff) -> MinimumSet:
    """The trainee's enrolled programme, else the usual one for their role (reference data)."""
    sets, defaults = minimum_sets(), default_programmes()
    enrolled = TraineeProgramme.objects.filter(trainee=trainee).values_list("programme", flat=True)
    code = next(iter(enrolled), None) or defaults.for_role(trainee.role)
    return sets.get(code) or sets[defaults.fallback]


def _members(trainee: Staff) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(
        staff=trainee, role__in=TRAINEE_CASE_ROLES, procedure__status=ProcedureStatus.SIGNED
    )


Member = tuple[int, int, Any, str, bool]  # member pk, procedure pk, day, role, attested
CASE_ROLE_OF_ROLE = {role: case_role for case_role, role in ROLE_OF_CASE_ROLE.items()}


@dataclass(frozen=True)
class CaseFilters:
    """Which of a trainee's cases the list shows (each None when not given)."""

    date_from: dt.date | None = None  # the day of the procedure
    date_to: dt.date | None = None
    entry: int | None = None  # a catalogue entry done in the case
    role: TraineeRole | None = None


def case_members(
    trainee: Staff, filters: CaseFilters | None = None
) -> QuerySet[TeamMember, Member]:
    """The trainee's signed cases the filters select, newest first, as (member pk, procedure
    pk, day, role, attested): one team row per case and role, read a slice at a time."""
    found = _members(trainee)
    if filters is not None:
        if filters.date_from is not None:
            found = found.filter(procedure__day__gte=filters.date_from)
        if filters.date_to is not None:
            found = found.filter(procedure__day__lte=filters.date_to)
        if filters.entry is not None:
            found = found.filter(procedure__entries=filters.entry)
        if filters.role is not None:
            found = found.filter(role=CASE_ROLE_OF_ROLE[filters.role])
    attested = CaseAttestation.objects.filter(team_member_id=OuterRef("pk"))
    return (
        found.annotate(attested=Exists(attested))
        .order_by("-procedure__day", "-procedure_id", "pk")
        .values_list("pk", "procedure_id", "procedure__day", "role", "attested")
    )


def members_of(trainee: Staff) -> list[Member]:
    """Every signed case of the trainee, newest first, as plain tuples."""
    return list(case_members(trainee))


def family_role_counts(trainee: Staff) -> Counter[tuple[Family, TraineeRole]]:
    """Cases by (family, role), counted by the database; a case spanning two families counts
    once in each."""
    rows = (
        _members(trainee)
        .exclude(procedure__entries__family=None)
        .values_list("procedure__entries__family", "role")
        .annotate(n=Count("procedure_id", distinct=True))
        .order_by()
    )
    return Counter({(Family(f), ROLE_OF_CASE_ROLE[role]): n for f, role, n in rows})


@dataclass(frozen=True)
class CaseLog:
    trainee: Staff
    minimums: MinimumSet
    counts: Counter[tuple[Family, TraineeRole]]
    progress: list[Progress]
    total: Progress


def case_log(trainee: Staff) -> CaseLog:
    """The counts and the progress against the trainee's programme (the cases themselves are
    read a page at a time with `case_members`)."""
    minimums = programme_of(trainee)
    found = family_role_counts(trainee)
    roles = minimums.minimums[0].roles if minimums.minimums else frozenset({TraineeRole.PRIMARY})
    return CaseLog(
        trainee,
        minimums,
        found,
        progress(found, minimums),
        total_progress(found, minimums, roles),
    )


def case_rows(members: Sequence[Member]) -> list[dict[str, Any]]:
    """Rows for (member pk, procedure pk, day, role, attested): names, CPT codes, supervisor."""
    ids = [m[1] for m in members]
    entries: dict[int, list[tuple[str, str]]] = {}
    for pid, name, family in Procedure.entries.through.objects.filter(
        procedure_id__in=ids
    ).values_list("procedure_id", "catalogueentry__name", "catalogueentry__family"):
        entries.setdefault(pid, []).append((name, family))
    # The codes a coder recorded for the case, never the catalogue's candidates.
    coded: dict[int, list[str]] = {}
    for pid, code in (
        ProcedureCode.objects.filter(procedure_id__in=ids)
        .order_by("code")
        .values_list("procedure_id", "code")
    ):
        coded.setdefault(pid, []).append(code)
    supervisors: dict[int, str] = {}
    for pid, given, family_name in (
        TeamMember.objects.filter(procedure_id__in=ids, role__in=SUPERVISOR_ROLES)
        .order_by("role")
        .values_list("procedure_id", "staff__given_name", "staff__family_name")
    ):
        supervisors.setdefault(pid, f"Dr {given} {family_name}")
    rows = []
    for _member, pid, day, role, attested in members:
        found = entries.get(pid, [])
        rows.append(
            {
                "procedure": pid,
                "day": day,
                "procedure_name": "; ".join(name for name, _ in found),
                "family": found[0][1] if found else "",
                "cpt_codes": coded.get(pid, []),
                "role": ROLE_OF_CASE_ROLE[role].value,
                "supervisor": supervisors.get(pid, ""),
                "attested": attested,
            }
        )
    return rows
