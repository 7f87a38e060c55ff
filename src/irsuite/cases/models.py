"""The case record: catalogue, requests (orders) and procedures (cases)."""

from irsuite.cases.catalogue_models import CatalogueEntry, CatalogueVersion
from irsuite.cases.procedure_models import (
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
from irsuite.cases.request_models import Priority, Request, RequestStatus, RequestTransition

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
