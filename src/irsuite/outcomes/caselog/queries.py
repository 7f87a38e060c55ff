"""Read side of trainee case logs: rows, counts by family and role, progress to minimums."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

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


def _members_and_families(trainee: Staff) -> tuple[list[Member], dict[int, set[str]]]:
    """Every signed case of the trainee, newest first, and the catalogue families of each case,
    read in one query (a case with two catalogue entries comes back as two rows)."""
    attested = set(
        CaseAttestation.objects.filter(team_member__staff=trainee).values_list(
            "team_member_id", flat=True
        )
    )
    members: list[Member] = []
    families: dict[int, set[str]] = {}
    rows = case_members(trainee).values_list(
        "pk", "procedure_id", "procedure__day", "role", "procedure__entries__family"
    )
    for pk, pid, day, role, family in rows:
        if family:
            families.setdefault(pid, set()).add(family)
        if not members or members[-1][0] != pk:
            members.append((pk, pid, day, role, pk in attested))
    return members, families


def members_of(trainee: Staff) -> list[Member]:
    """Every signed case of the trainee, newest first, as plain tuples."""
    return _members_and_families(trainee)[0]


def counts(
    members: list[Member], families: dict[int, set[str]]
) -> Counter[tuple[Family, TraineeRole]]:
    """Cases by (family, role); a case spanning two families counts once in each."""
    result: Counter[tuple[Family, TraineeRole]] = Counter()
    seen: set[tuple[int, str]] = set()
    for _pk, pid, _day, role, _attested in members:
        if (pid, role) in seen:
            continue
        seen.add((pid, role))
        for family in families.get(pid, ()):
            result[(Family(family), ROLE_OF_CASE_ROLE[role])] += 1
    return result


@dataclass(frozen=True)
class CaseLog:
    trainee: Staff
    minimums: MinimumSet
    counts: Counter[tuple[Family, TraineeRole]]
    progress: list[Progress]
    total: Progress
    members: list[Member]


def case_log(trainee: Staff) -> CaseLog:
    """Every case, the counts and the progress against the trainee's programme."""
    minimums = programme_of(trainee)
    members, families = _members_and_families(trainee)
    found = counts(members, families)
    roles = minimums.minimums[0].roles if minimums.minimums else frozenset({TraineeRole.PRIMARY})
    return CaseLog(
        trainee,
        minimums,
        found,
        progress(found, minimums),
        total_progress(found, minimums, roles),
        members,
    )


def case_members(trainee: Staff) -> QuerySet[TeamMember]:
    """The trainee's signed cases, newest first (one team row per case and role)."""
    return _members(trainee).order_by("-procedure__day", "-procedure_id", "pk")


def case_rows(members: list[Member]) -> list[dict[str, Any]]:
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
                "day": day.isoformat(),
                "procedure_name": "; ".join(name for name, _ in found),
                "family": found[0][1] if found else "",
                "cpt_codes": coded.get(pid, []),
                "role": ROLE_OF_CASE_ROLE[role].value,
                "supervisor": supervisors.get(pid, ""),
                "attested": attested,
            }
        )
    return rows
