"""Staff roles and what each may do. Views and API routes check capabilities, never role names."""

from enum import StrEnum

from django.db import models


class StaffRole(models.TextChoices):
    ATTENDING = "attending", "Attending interventional radiologist"
    FELLOW = "fellow", "Fellow"
    RESIDENT = "resident", "Resident"
    APP = "app", "Advanced practice provider"
    NURSE = "nurse", "IR nurse"
    TECHNOLOGIST = "technologist", "IR technologist"
    ANAESTHESIA = "anaesthesia", "Anaesthesia"
    SCHEDULER = "scheduler", "Scheduler"
    CODER = "coder", "Coder"
    QUALITY_LEAD = "quality_lead", "Quality lead (section chief)"
    PHYSICIST = "physicist", "Medical physicist"
    RESEARCHER = "researcher", "Researcher"
    ADMIN = "admin", "Administrator"
    REFERRER = "referrer", "Referring clinician"


class Capability(StrEnum):
    """A right to do one kind of thing; roles are sets of capabilities."""

    VIEW_WORKLIST = "view_worklist"
    VIEW_PATIENTS = "view_patients"  # identifiable charts
    VIEW_OWN_REQUESTS = "view_own_requests"  # referrers: only the requests they made
    CREATE_REQUEST = "create_request"
    VET_REQUEST = "vet_request"
    SCHEDULE = "schedule"
    RECORD_PROCEDURE = "record_procedure"
    SIGN_PROCEDURE = "sign_procedure"
    VIEW_CATALOGUE = "view_catalogue"
    VIEW_STAFF = "view_staff"
    VIEW_DEIDENTIFIED = "view_deidentified"
    VIEW_DOSE = "view_dose"
    MANAGE_DOSE = "manage_dose"
    WORKUP = "workup"
    CONSENT = "consent"
    CHECKLIST = "checklist"
    SEDATION = "sedation"
    OVERRIDE_SAFETY = "override_safety"
    RECORD_OUTCOME = "record_outcome"
    VIEW_QUALITY = "view_quality"
    PEER_REVIEW = "peer_review"
    VIEW_CASELOG = "view_caselog"
    VIEW_CREDENTIALING = "view_credentialing"  # one's own credentialing report
    REVIEW_CREDENTIALING = "review_credentialing"  # every operator's (the quality lead)
    ATTEST_CASE = "attest_case"
    VIEW_CODING = "view_coding"
    VIEW_ROSTER = "view_roster"
    MANAGE_ROSTER = "manage_roster"
    APPROVE_SWAP = "approve_swap"
    ADMINISTER = "administer"
    VIEW_AUDIT = "view_audit"
    INTEGRATION = "integration"  # the HL7 interfaces: peers, inbox, outbox, mappings


C = Capability
_CLINICAL = {
    C.VIEW_WORKLIST,
    C.VIEW_PATIENTS,
    C.VIEW_CATALOGUE,
    C.VIEW_STAFF,
    C.VIEW_ROSTER,
    C.RECORD_PROCEDURE,
    C.CHECKLIST,
    C.RECORD_OUTCOME,
}
_OPERATOR = _CLINICAL | {
    C.CREATE_REQUEST,
    C.VET_REQUEST,
    C.WORKUP,
    C.CONSENT,
    C.SEDATION,
    C.VIEW_DOSE,
    C.VIEW_CASELOG,
    C.VIEW_QUALITY,
    C.SCHEDULE,
}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    StaffRole.ATTENDING: frozenset(
        _OPERATOR
        | {
            C.SIGN_PROCEDURE,
            C.OVERRIDE_SAFETY,
            C.ATTEST_CASE,
            C.PEER_REVIEW,
            C.VIEW_CREDENTIALING,
        }
    ),
    StaffRole.FELLOW: frozenset(_OPERATOR),
    StaffRole.RESIDENT: frozenset(_OPERATOR - {C.VET_REQUEST, C.SCHEDULE}),
    StaffRole.APP: frozenset(_OPERATOR - {C.VET_REQUEST}),
    StaffRole.NURSE: frozenset(_CLINICAL | {C.WORKUP, C.SEDATION, C.CONSENT}),
    StaffRole.TECHNOLOGIST: frozenset(_CLINICAL | {C.VIEW_DOSE}),
    StaffRole.ANAESTHESIA: frozenset(_CLINICAL | {C.WORKUP, C.SEDATION}),
    StaffRole.SCHEDULER: frozenset(
        {
            C.VIEW_WORKLIST,
            C.VIEW_PATIENTS,
            C.VIEW_CATALOGUE,
            C.VIEW_STAFF,
            C.SCHEDULE,
            C.CREATE_REQUEST,
            C.VIEW_ROSTER,
            C.MANAGE_ROSTER,
        }
    ),
    StaffRole.CODER: frozenset({C.VIEW_WORKLIST, C.VIEW_PATIENTS, C.VIEW_CATALOGUE, C.VIEW_CODING}),
    StaffRole.QUALITY_LEAD: frozenset(
        _OPERATOR
        | {
            C.VIEW_QUALITY,
            C.PEER_REVIEW,
            C.VIEW_CREDENTIALING,
            C.REVIEW_CREDENTIALING,
            C.APPROVE_SWAP,
            C.MANAGE_ROSTER,
            C.VIEW_AUDIT,
            C.SIGN_PROCEDURE,
            C.ATTEST_CASE,
            C.OVERRIDE_SAFETY,
        }
    ),
    StaffRole.PHYSICIST: frozenset(
        {C.VIEW_DOSE, C.MANAGE_DOSE, C.VIEW_CATALOGUE, C.VIEW_PATIENTS, C.VIEW_WORKLIST}
    ),
    StaffRole.RESEARCHER: frozenset({C.VIEW_DEIDENTIFIED, C.VIEW_CATALOGUE}),
    StaffRole.ADMIN: frozenset(
        {
            # Configuration and the audit log; no clinical record (dose letters name patients).
            C.ADMINISTER,
            C.VIEW_AUDIT,
            C.INTEGRATION,
            C.VIEW_CATALOGUE,
            C.VIEW_STAFF,
            C.MANAGE_ROSTER,
            C.VIEW_ROSTER,
        }
    ),
    StaffRole.REFERRER: frozenset({C.VIEW_OWN_REQUESTS, C.CREATE_REQUEST, C.VIEW_CATALOGUE}),
}

TRAINEE_ROLES = frozenset({StaffRole.FELLOW, StaffRole.RESIDENT})
OPERATOR_ROLES = frozenset(
    {StaffRole.ATTENDING, StaffRole.FELLOW, StaffRole.RESIDENT, StaffRole.APP}
)


def capabilities_of(role: str) -> frozenset[Capability]:
    """The capabilities a role grants (an unknown role grants none)."""
    return ROLE_CAPABILITIES.get(role, frozenset())
