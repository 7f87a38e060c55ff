"""The case record: catalogue, requests (orders) and procedures (cases)."""

from irsuite.cases.catalogue.models import CatalogueEntry, CatalogueVersion
from irsuite.cases.procedures.models import (
    AccessSite,
    Addendum,
    CaseRole,
    DeviceKind,
    DeviceUsed,
    Disposition,
    Procedure,
    ProcedureStatus,
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
    "DeviceKind",
    "DeviceUsed",
    "Disposition",
    "Priority",
    "Procedure",
    "ProcedureStatus",
    "Request",
    "RequestStatus",
    "RequestTransition",
    "SedationType",
    "TeamMember",
    "TechnicalSuccess",
]
