"""Outcomes: follow-up tasks and visits, adverse events, M&M, quality, case logs."""

from irsuite.outcomes.adverse_events.models import (
    AdverseEvent,
    AdverseEventGrading,
    AeCategory,
    AeTiming,
)
from irsuite.outcomes.caselog.models import CaseAttestation, TraineeProgramme
from irsuite.outcomes.devices.models import CentralLine, IvcFilter, LineKind
from irsuite.outcomes.followup.models import (
    FollowUpSource,
    FollowUpStatus,
    FollowUpTask,
    FollowUpVisit,
    VisitMode,
    VisitStatus,
)
from irsuite.outcomes.quality.models import QualityFact
from irsuite.outcomes.review.models import Conference, PeerReview, PeerScore, ReviewCase

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
