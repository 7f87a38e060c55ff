"""Reading DICOM X-Ray Radiation Dose Structured Reports (PS3.16 TID 10001 and TID 10011)."""

from irsuite.domain.rdsr.codes import AcquisitionPlane, IrradiationEventType, Phantom, ReportKind
from irsuite.domain.rdsr.errors import ErrorKind, RdsrError
from irsuite.domain.rdsr.model import (
    CtTotals,
    DeviceInfo,
    DoseReport,
    IrradiationEvent,
    PlaneTotals,
    StudyInfo,
)
from irsuite.domain.rdsr.plausibility import PlausibilityBounds, parse_plausibility
from irsuite.domain.rdsr.reader import Walker, read_document, read_report

__all__ = [
    "AcquisitionPlane",
    "CtTotals",
    "DeviceInfo",
    "DoseReport",
    "ErrorKind",
    "IrradiationEvent",
    "IrradiationEventType",
    "Phantom",
    "PlaneTotals",
    "PlausibilityBounds",
    "RdsrError",
    "ReportKind",
    "StudyInfo",
    "Walker",
    "parse_plausibility",
    "read_document",
    "read_report",
]
