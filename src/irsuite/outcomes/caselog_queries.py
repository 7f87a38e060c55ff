"""Read side of trainee case logs: rows, counts by family and role, progress to minimums."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Prefetch, QuerySet

from irsuite.cases.models import CaseRole, ProcedureStatus, TeamMember
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
from irsuite.outcomes.caselog_models import TraineeProgramme
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


def case_rows(trainee: Staff) -> QuerySet[TeamMember]:
    """One row per case, newest first, with what the CSV and the page show."""
    supervisors = TeamMember.objects.filter(role__in=SUPERVISOR_ROLES).select_related("staff")
    return (
        _members(trainee)
        .select_related("procedure", "attestation")
        .prefetch_related(
            "procedure__entries",
            Prefetch("procedure__team", queryset=supervisors, to_attr="supervisors"),
        )
        .order_by("-procedure__day", "-procedure_id")
    )


def row_dict(member: TeamMember) -> dict[str, Any]:
    """A case-log row as plain values."""
    procedure = member.procedure
    entries = list(procedure.entries.all())
    supervisors = getattr(procedure, "supervisors", [])
    return {
        "procedure": procedure.pk,
        "day": procedure.day,
        "procedure_name": "; ".join(e.name for e in entries),
        "family": entries[0].family if entries else "",
        "cpt_codes": [code for e in entries for code in e.cpt_codes],
        "role": ROLE_OF_CASE_ROLE[member.role].value,
        "supervisor": supervisors[0].staff.display_name if supervisors else "",
        "attested": hasattr(member, "attestation"),
    }
