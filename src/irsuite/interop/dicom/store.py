"""C-STORE of dose reports (IHE REM, RAD-62): irsuite as the dose consumer.

A report is acknowledged with Success only after it is committed; received bytes that cannot
be stored are kept in the dose quarantine before the failure status is answered.
"""

from __future__ import annotations

import logging
from typing import Any

from irsuite.dose.importing.services import ImportFault, ImportStatus, import_rdsr, quarantine
from irsuite.interop.dicom.database import in_database
from irsuite.interop.dicom.statuses import Status

log = logging.getLogger(__name__)

# SOP classes that carry dose reports: X-Ray Radiation Dose SR, Enhanced SR, Comprehensive SR,
# Comprehensive 3D SR (PS3.4 B.5).
DOSE_SR_SOP_CLASSES = (
    "1.2.840.10008.5.1.4.1.1.88.67",
    "1.2.840.10008.5.1.4.1.1.88.22",
    "1.2.840.10008.5.1.4.1.1.88.33",
    "1.2.840.10008.5.1.4.1.1.88.34",
)

StoreStatus = Status


def handle_store(event: Any) -> int:
    """Import one received report; Success only once it is committed."""
    calling = str(event.assoc.requestor.ae_title).strip()
    try:
        data = event.request.DataSet.getvalue()
    except Exception:
        log.exception("dicom: unreadable C-STORE request from %s", calling)
        return Status.CANNOT_UNDERSTAND  # no bytes were received to keep
    return in_database(event, _store, event, data, calling)


def _store(event: Any, data: bytes, calling: str) -> int:
    filename = f"{calling}/unknown"
    try:
        filename = f"{calling}/{event.request.AffectedSOPInstanceUID}"
        syntax = str(event.context.transfer_syntax)
    except Exception as exc:
        log.exception("dicom: unreadable C-STORE request from %s", calling)
        _keep(data, ImportFault(type(exc).__name__), filename, calling)
        return Status.CANNOT_UNDERSTAND
    try:
        outcome = import_rdsr(
            data, filename=filename, source="listener", ae_title=calling, transfer_syntax=syntax
        )
    except Exception as exc:
        log.exception("dicom: could not store a report from %s", calling)
        _keep(data, ImportFault(type(exc).__name__), filename, calling)
        return Status.OUT_OF_RESOURCES
    if outcome.status is ImportStatus.QUARANTINED:
        log.warning("dicom: report from %s quarantined: %s", calling, outcome.reason)
        return Status.CANNOT_UNDERSTAND
    log.info("dicom: report from %s %s", calling, outcome.status.value)
    return Status.SUCCESS


def _keep(data: bytes, fault: ImportFault, filename: str, calling: str) -> None:
    """Quarantine the received bytes; if even that fails, the sender keeps them (failure)."""
    try:
        quarantine(data, fault, filename=filename, source="listener", ae_title=calling)
    except Exception:
        log.exception("dicom: could not quarantine a report from %s", calling)
