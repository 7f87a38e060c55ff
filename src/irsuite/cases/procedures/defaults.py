"""What a new procedure record starts from, as the areas registered in
``cases.hooks.PROCEDURE_DEFAULTS`` say: the sedation type of the work-up's plan, and the people
booked or who ran the checklist on the team. Called inside the start's transaction."""

from __future__ import annotations

from typing import Any

from irsuite.audit.services import create_audited
from irsuite.cases import hooks
from irsuite.cases.procedures.models import CaseRole, Procedure, SedationType, TeamMember
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
    """Put the people the areas name (booked operator, checklist team) on the team once."""
    seen: set[tuple[int, str]] = set()
    for start in starts:
        for staff, role in start.team:
            if (staff.pk, role) in seen or role not in CaseRole.values:
                continue
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
