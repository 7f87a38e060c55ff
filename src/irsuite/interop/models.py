"""The interop app's tables, re-exported from each adapter's models."""

from irsuite.interop.dicom.models import (
    MatchedBy,
    PerformedStep,
    PpsStatus,
    ScheduledStep,
    StepStatus,
)
from irsuite.interop.hl7.models import (
    CodeMapping,
    ConfigGeneration,
    InboxMessage,
    OutboxMessage,
    Peer,
)

__all__ = [
    "CodeMapping",
    "ConfigGeneration",
    "InboxMessage",
    "MatchedBy",
    "OutboxMessage",
    "Peer",
    "PerformedStep",
    "PpsStatus",
    "ScheduledStep",
    "StepStatus",
]
