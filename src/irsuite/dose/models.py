"""Radiation dose records imported from DICOM dose reports (RDSR), alerts and quarantine."""

from irsuite.dose.alerts.models import AlertKind, AlertStatus, DoseAlert
from irsuite.dose.importing.models import QuarantinedFile, QuarantineStatus
from irsuite.dose.reference_levels.models import LocalDrl
from irsuite.dose.studies.models import (
    Device,
    DevicePlane,
    DoseReportObject,
    DoseStudy,
    IrradiationEvent,
    LinkMethod,
    ReportKind,
)

__all__ = [
    "AlertKind",
    "AlertStatus",
    "Device",
    "DevicePlane",
    "DoseAlert",
    "DoseReportObject",
    "DoseStudy",
    "IrradiationEvent",
    "LinkMethod",
    "LocalDrl",
    "QuarantineStatus",
    "QuarantinedFile",
    "ReportKind",
]
