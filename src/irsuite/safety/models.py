"""Pre-procedure safety: work-up, bleeding-risk plan, consent, checklist, sedation, report.

Each feature keeps its own tables; this module names them all for Django and the migrations.
"""

from irsuite.safety.checklist.models import (
    ChecklistAnswer,
    ChecklistPhaseCompletion,
    ChecklistRecord,
)
from irsuite.safety.consent.models import Consent, ConsentMethod, ConsentStatus, SignerRole
from irsuite.safety.report.models import PlanItem, PlanSource, ProcedureReport, ReportStatus
from irsuite.safety.sedation.models import (
    AldreteAssessment,
    CarePhase,
    DoseUnit,
    SedationDrug,
    SedationRecord,
    VitalSigns,
)
from irsuite.safety.workup.models import (
    ArterialAccessSite,
    AsaClass,
    FastingStatus,
    LabKind,
    PregnancyStatus,
    SedationPlan,
    WorkUp,
    WorkUpLab,
    WorkUpMedication,
)

__all__ = [
    "AldreteAssessment",
    "ArterialAccessSite",
    "AsaClass",
    "CarePhase",
    "ChecklistAnswer",
    "ChecklistPhaseCompletion",
    "ChecklistRecord",
    "Consent",
    "ConsentMethod",
    "ConsentStatus",
    "DoseUnit",
    "FastingStatus",
    "LabKind",
    "PlanItem",
    "PlanSource",
    "PregnancyStatus",
    "ProcedureReport",
    "ReportStatus",
    "SedationDrug",
    "SedationPlan",
    "SedationRecord",
    "SignerRole",
    "VitalSigns",
    "WorkUp",
    "WorkUpLab",
    "WorkUpMedication",
]
