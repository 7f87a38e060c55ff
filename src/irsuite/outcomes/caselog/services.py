"""Trainee case logs: attestation by the supervising attending, programme enrolment."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import create_audited, record, snapshot
from irsuite.cases.models import TeamMember
from irsuite.cases.procedures.models import TRAINEE_CASE_ROLES
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.outcomes.caselog.models import CaseAttestation, TraineeProgramme
from irsuite.outcomes.caselog.queries import SUPERVISOR_ROLES
from irsuite.outcomes.reference import minimum_sets
from irsuite.people.access import has_capability, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability

User = AbstractBaseUser | None


@transaction.atomic
def attest_case(member: TeamMember, *, by: User) -> CaseAttestation:
    """The attending who supervised the case confirms the trainee's role in it."""
    attending = staff_of(by)
    if attending is None or not has_capability(by, Capability.ATTEST_CASE):
        raise NotAllowed("Only an attending can attest a trainee's case.")
    if member.role not in TRAINEE_CASE_ROLES:
        raise ValidationFailed("Only a trainee's role in a case can be attested.")
    supervised = member.procedure.team.filter(staff=attending, role__in=SUPERVISOR_ROLES).exists()
    if not supervised:
        raise NotAllowed("You did not supervise this case: the supervising attending attests it.")
    if CaseAttestation.objects.filter(team_member=member).exists():
        raise Conflict("This case is already attested.")
    return create_audited(
        CaseAttestation,
        actor=by,
        patient_id=member.procedure.request.patient_id,
        summary="trainee case attested",
        team_member=member,
        attested_by=attending,
        attested_at=timezone.now(),
    )


@transaction.atomic
def enrol_trainee(
    trainee: Staff, *, programme: str, by: User, started_on: dt.date | None = None
) -> TraineeProgramme:
    """Set the programme whose minimums a trainee's case log is measured against."""
    if not has_capability(by, Capability.ATTEST_CASE, Capability.ADMINISTER):
        raise NotAllowed("Only an attending or an administrator can enrol a trainee.")
    if programme not in minimum_sets():
        raise ValidationFailed(f"Programme {programme!r} is not in the case-log minimums.")
    enrolment, _ = TraineeProgramme.objects.update_or_create(
        trainee=trainee, defaults={"programme": programme, "started_on": started_on}
    )
    record(
        by,
        AuditAction.CHANGE,
        enrolment,
        after=snapshot(enrolment),
        summary="trainee programme set",
    )
    return enrolment
