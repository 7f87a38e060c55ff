"""Outcomes: follow-up tasks and visits, adverse events, M&M, quality, case logs."""

from irsuite.outcomes.ae_models import AdverseEvent, AdverseEventGrading, AeCategory, AeTiming
from irsuite.outcomes.caselog_models import CaseAttestation, TraineeProgramme
from irsuite.outcomes.device_models import CentralLine, IvcFilter, LineKind
from irsuite.outcomes.followup_models import FollowUpSource, FollowUpStatus, FollowUpTask
from irsuite.outcomes.quality_models import QualityFact
from irsuite.outcomes.review_models import Conference, PeerReview, PeerScore, ReviewCase
from irsuite.outcomes.visit_models import FollowUpVisit, VisitMode, VisitStatus

__all__ = [
    "AdverseEvent",
    "AdverseEventGrading",
    "AeCategory",
    "AeTiming",
    "CaseAttestation",
    "CentralLine",
    "Conference",
    "FollowUpSource",
    "FollowUpStatus",
    "FollowUpTask",
    "FollowUpVisit",
    "IvcFilter",
    "LineKind",
    "PeerReview",
    "PeerScore",
    "QualityFact",
    "ReviewCase",
    "TraineeProgramme",
    "VisitMode",
    "VisitStatus",
]
