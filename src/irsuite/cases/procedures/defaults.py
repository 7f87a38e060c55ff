"""What a new procedure record starts from, as the areas registered in
``cases.hooks.PROCEDURE_DEFAULTS`` say: the sedation type of the work-up's plan, and on the team
the operator of the booking (as primary operator) and the people who ran the checklist. Called
inside the start's transaction."""

from __future__ import annotations

from typing import Any

from irsuite.audit.services import create_audited
from irsuite.cases import hooks
from irsuite.cases.procedures.models import (
    OPERATOR_CASE_ROLES,
    Procedure,
    SedationType,
    TeamMember,
)
from irsuite.cases.procedures.rules import ROLE_FITS
from irsuite.cases.requests.models import Request

User = Any


def procedure_defaults(request: Request) -> list[hooks.ProcedureStart]:
    """What each registered area says the procedure of `request` starts from."""
    return [provider(request) for provider in hooks.PROCEDURE_DEFAULTS]


def starting_sedation(starts: list[hooks.ProcedureStart]) -> dict[str, str]:
    """The sedation type the areas' defaults give (the work-up's plan), if any."""
    for start in starts:
        if start.sedation_type in SedationType.values:
            return {"sedation_type": start.sedation_type}
    return {}


def add_starting_team(
    procedure: Procedure, starts: list[hooks.ProcedureStart], *, by: User, channel: str
) -> None:
    """Put the people the areas name (booked operator, checklist team) on the team once, each
    in a case role their staff role fits. An operator (the booking's) joins only while the team
    has none: the first one named is the primary operator."""
    seen: set[tuple[int, str]] = set()
    has_operator = procedure.team.filter(role__in=OPERATOR_CASE_ROLES).exists()
    for start in starts:
        for staff, role in start.team:
            if (staff.pk, role) in seen or staff.role not in ROLE_FITS.get(role, ()):
                continue
            if role in OPERATOR_CASE_ROLES:
                if has_operator:
                    continue
                has_operator = True
            seen.add((staff.pk, role))
            create_audited(
                TeamMember,
                actor=by,
                patient_id=procedure.request.patient_id,
                summary="team member from the booking or checklist",
                channel=channel,
                procedure=procedure,
                staff=staff,
                role=role,
            )
