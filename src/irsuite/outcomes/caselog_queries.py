"""Read side of trainee case logs: rows, counts by family and role, progress to minimums."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, QuerySet

from irsuite.cases.models import CaseRole, Procedure, ProcedureStatus, TeamMember
from irsuite.cases.procedure_models import TRAINEE_CASE_ROLES
from irsuite.domain.catalogue import Family
from irsuite.domain.quality.caselog import (
    MinimumSet,
    Progress,
    TraineeRole,
    progress,
    total_progress,
)
from irsuite.errors import NotAllowed
from irsuite.outcomes.caselog_models import CaseAttestation, TraineeProgramme
from irsuite.outcomes.reference import minimum_sets
from irsuite.people.access import has_capability, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability, StaffRole

SUPERVISOR_ROLES = (CaseRole.ATTENDING_OPERATOR, CaseRole.SUPERVISING_ATTENDING)
ROLE_OF_CASE_ROLE: dict[str, TraineeRole] = {
    CaseRole.TRAINEE_PRIMARY: TraineeRole.PRIMARY,
    CaseRole.TRAINEE_ASSISTANT: TraineeRole.ASSISTANT,
    CaseRole.TRAINEE_OBSERVER: TraineeRole.OBSERVER,
}
DEFAULT_PROGRAMME: dict[str, str] = {
    StaffRole.RESIDENT: "ir_integrated",
    StaffRole.FELLOW: "ir_fellowship",
}
FALLBACK_PROGRAMME = "ir_fellowship"


def ensure_can_view(user: AbstractBaseUser | AnonymousUser, trainee: Staff) -> None:
    """Trainees see their own log; attendings, quality leads and administrators see any."""
    me = staff_of(user)
    own = me is not None and me.pk == trainee.pk and has_capability(user, Capability.VIEW_CASELOG)
    if not own and not has_capability(user, Capability.ATTEST_CASE, Capability.ADMINISTER):
        raise NotAllowed("You can see only your own case log.")


def programme_of(trainee: Staff) -> MinimumSet:
    """The trainee's enrolled programme, else the usual one for their role."""
    sets = minimum_sets()
    enrolled = TraineeProgramme.objects.filter(trainee=trainee).values_list("programme", flat=True)
    code = next(iter(enrolled), None) or DEFAULT_PROGRAMME.get(trainee.role, FALLBACK_PROGRAMME)
    return sets.get(code) or sets[FALLBACK_PROGRAMME]


def _members(trainee: Staff) -> QuerySet[TeamMember]:
    return TeamMember.objects.filter(
        staff=trainee, role__in=TRAINEE_CASE_ROLES, procedure__status=ProcedureStatus.SIGNED
    )


def counts(trainee: Staff) -> Counter[tuple[Family, TraineeRole]]:
    """Cases by (family, role); a case spanning two families counts once in each."""
    result: Counter[tuple[Family, TraineeRole]] = Counter()
    for row in (
        _members(trainee)
        .values("procedure__entries__family", "role")
        .annotate(n=Count("procedure", distinct=True))
        .order_by()
    ):
        family = row["procedure__entries__family"]
        if family:
            result[(Family(family), ROLE_OF_CASE_ROLE[row["role"]])] += row["n"]
    return result


@dataclass(frozen=True)
class CaseLog:
    trainee: Staff
    minimums: MinimumSet
    counts: Counter[tuple[Family, TraineeRole]]
    progress: list[Progress]
    total: Progress


def case_log(trainee: Staff) -> CaseLog:
    """Counts and progress against the trainee's programme."""
    minimums = programme_of(trainee)
    found = counts(trainee)
    roles = minimums.minimums[0].roles if minimums.minimums else frozenset({TraineeRole.PRIMARY})
    return CaseLog(
        trainee, minimums, found, progress(found, minimums), total_progress(found, minimums, roles)
    )


def case_members(trainee: Staff) -> QuerySet[TeamMember]:
    """The trainee's signed cases, newest first (one team row per case and role)."""
    return _members(trainee).order_by("-procedure__day", "-procedure_id", "pk")


def case_rows(members: list[tuple[int, int, Any, str, bool]]) -> list[dict[str, Any]]:
    """Rows for (member pk, procedure pk, day, role, attested): names, CPT codes, supervisor."""
    ids = [m[1] for m in members]
    entries: dict[int, list[tuple[str, str, list[dict[str, str]]]]] = {}
    for pid, name, family, cpt in Procedure.entries.through.objects.filter(
        procedure_id__in=ids
    ).values_list(
        "procedure_id", "catalogueentry__name", "catalogueentry__family", "catalogueentry__cpt"
    ):
        entries.setdefault(pid, []).append((name, family, cpt or []))
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
                "procedure_name": "; ".join(name for name, _, _ in found),
                "family": found[0][1] if found else "",
                "cpt_codes": [c["code"] for _, _, cpt in found for c in cpt],
                "role": ROLE_OF_CASE_ROLE[role].value,
                "supervisor": supervisors.get(pid, ""),
                "attested": attested,
            }
        )
    return rows


def member_values(members: QuerySet[TeamMember]) -> QuerySet[Any]:
    """The few columns a case-log row needs, as tuples."""
    return members.annotate(
        attested=Exists(CaseAttestation.objects.filter(team_member=OuterRef("pk")))
    ).values_list("pk", "procedure_id", "procedure__day", "role", "attested")


def case_page(trainee: Staff, offset: int, limit: int) -> list[dict[str, Any]]:
    """One page of a trainee's case-log rows."""
    return case_rows(list(member_values(case_members(trainee))[offset : offset + limit]))
