"""Checks a procedure must pass to be saved or signed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from irsuite.cases import reference
from irsuite.cases.models import CaseRole, Procedure
from irsuite.domain.case_times import TIME_ORDER, time_order_problems
from irsuite.errors import ValidationFailed
from irsuite.people.roles import TRAINEE_ROLES, StaffRole

# Which staff roles may take each case role.
ROLE_FITS: dict[str, frozenset[str]] = {
    CaseRole.ATTENDING_OPERATOR: frozenset({StaffRole.ATTENDING, StaffRole.QUALITY_LEAD}),
    CaseRole.SUPERVISING_ATTENDING: frozenset({StaffRole.ATTENDING, StaffRole.QUALITY_LEAD}),
    CaseRole.TRAINEE_PRIMARY: TRAINEE_ROLES | {StaffRole.APP},
    CaseRole.TRAINEE_ASSISTANT: TRAINEE_ROLES | {StaffRole.APP},
    CaseRole.TRAINEE_OBSERVER: TRAINEE_ROLES | {StaffRole.APP},
    CaseRole.NURSE: frozenset({StaffRole.NURSE}),
    CaseRole.TECHNOLOGIST: frozenset({StaffRole.TECHNOLOGIST}),
    CaseRole.ANAESTHESIA: frozenset({StaffRole.ANAESTHESIA}),
}


def primary_operator_role(staff_role: str) -> CaseRole | None:
    """The case role in which a member of staff operates: an attending as the attending
    operator, a trainee or advanced practice provider as the trainee primary operator; None
    for a role that does not operate."""
    for role in (CaseRole.ATTENDING_OPERATOR, CaseRole.TRAINEE_PRIMARY):
        if staff_role in ROLE_FITS[role]:
            return role
    return None


def validate_procedure_fields(procedure: Procedure) -> None:
    """Times in order, not in the future; contrast volume in range."""
    times = {name: getattr(procedure, name) for name in TIME_ORDER}
    problems = time_order_problems(times)
    horizon = timezone.now() + dt.timedelta(hours=1)
    for name, value in times.items():
        if value is not None and value > horizon:
            problems.append(
                f"The {name.replace('_at', '').replace('_', ' ')} time is in the future."
            )
    contrast = reference.contrast_ml()
    if procedure.contrast_ml is not None and procedure.contrast_ml not in contrast:
        problems.append(f"Contrast volume must be between {contrast.low} and {contrast.high} mL.")
    problems += hand_dose_problems(procedure)
    if problems:
        raise ValidationFailed(" ".join(problems), {"problems": problems})


# What each hand-entered dose value is, in words and units, by report key.
HAND_DOSE_WORDS = {
    "fluoro_time_s": ("Fluoroscopy time", "s"),
    "kap_gycm2": ("KAP", "Gy·cm²"),
    "ka_r_mgy": ("Ka,r", "mGy"),
}


def hand_dose_problems(procedure: Procedure) -> list[str]:
    """A hand-entered dose value outside its plausible range is a probable typo or unit error."""
    problems = []
    limits = reference.hand_dose()
    for key, value in procedure.hand_dose.items():
        limit, (words, unit) = limits[key], HAND_DOSE_WORDS[key]
        if value not in limit:
            problems.append(
                f"{words} must be between {limit.low} and {limit.high} {unit}: check the value "
                "and its unit."
            )
    return problems


def signing_problems(procedure: Procedure) -> list[str]:
    """What is missing before a procedure can be signed (empty when it can)."""
    problems = []
    roles = set(procedure.team.values_list("role", flat=True))
    if not roles & {CaseRole.ATTENDING_OPERATOR, CaseRole.SUPERVISING_ATTENDING}:
        problems.append("Add the attending operator or supervising attending to the team.")
    if not procedure.technical_success:
        problems.append("Record whether the procedure was technically successful.")
    if procedure.start_at is None or procedure.end_at is None:
        problems.append("Record the procedure start and end times.")
    if not procedure.disposition:
        problems.append("Record where the patient goes after the procedure (disposition).")
    return problems
