"""The case record: catalogue, requests (orders) and procedures (cases)."""

from irsuite.cases.catalogue.models import CatalogueEntry, CatalogueVersion
from irsuite.cases.coding.models import CodeSystem, ProcedureCode
from irsuite.cases.notices.models import Notice, NoticeKind
from irsuite.cases.procedures.models import (
    AccessSite,
    Addendum,
    CaseRole,
    DeviceKind,
    DeviceUsed,
    Disposition,
    Procedure,
    ProcedureStatus,
    SampleAdequacy,
    SedationType,
    TeamMember,
    TechnicalSuccess,
)
from irsuite.cases.requests.models import Priority, Request, RequestStatus, RequestTransition

__all__ = [
    "AccessSite",
    "Addendum",
    "CaseRole",
    "CatalogueEntry",
    "CatalogueVersion",
    "CodeSystem",
    "DeviceKind",
    "DeviceUsed",
    "Disposition",
    "Notice",
    "NoticeKind",
    "Priority",
    "Procedure",
    "ProcedureCode",
    "ProcedureStatus",
    "Request",
    "RequestStatus",
    "RequestTransition",
    "SampleAdequacy",
    "SedationType",
    "TeamMember",
    "TechnicalSuccess",
]
