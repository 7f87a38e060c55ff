"""DICOM C-STORE SCP for dose reports (IHE REM: irsuite as dose consumer).

Plain handler functions are bound to pynetdicom events; a report is acknowledged with Success
only after it is committed, and anything that goes wrong becomes a failure status while the
listener keeps running.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from typing import Any

from django.db import close_old_connections
from pynetdicom import AE, evt
from pynetdicom.transport import ThreadedAssociationServer

from irsuite.dose.importing.services import ImportStatus, import_rdsr

log = logging.getLogger(__name__)

# SOP classes that carry dose reports: X-Ray Radiation Dose SR, Enhanced SR, Comprehensive SR,
# Comprehensive 3D SR.
DOSE_SR_SOP_CLASSES = (
    "1.2.840.10008.5.1.4.1.1.88.67",
    "1.2.840.10008.5.1.4.1.1.88.22",
    "1.2.840.10008.5.1.4.1.1.88.33",
    "1.2.840.10008.5.1.4.1.1.88.34",
)
VERIFICATION_SOP_CLASS = "1.2.840.10008.1.1"
TRANSFER_SYNTAXES = [
    "1.2.840.10008.1.2",  # Implicit VR Little Endian
    "1.2.840.10008.1.2.1",  # Explicit VR Little Endian
    "1.2.840.10008.1.2.2",  # Explicit VR Big Endian (read through pydicom)
]


class StoreStatus(IntEnum):
    """C-STORE response statuses used here (PS3.4 B.2.3)."""

    SUCCESS = 0x0000
    OUT_OF_RESOURCES = 0xA700
    DATASET_DOES_NOT_MATCH_SOP_CLASS = 0xA900
    CANNOT_UNDERSTAND = 0xC000


def handle_store(event: Any) -> int:
    """Import one received report; Success only once it is committed."""
    calling = str(event.assoc.requestor.ae_title).strip()
    try:
        data = event.request.DataSet.getvalue()
        syntax = str(event.context.transfer_syntax)
        sop_uid = str(event.request.AffectedSOPInstanceUID)
    except Exception:
        log.exception("dose listener: unreadable C-STORE request from %s", calling)
        return StoreStatus.CANNOT_UNDERSTAND
    close_old_connections()
    try:
        outcome = import_rdsr(
            data,
            filename=f"{calling}/{sop_uid}",
            source="listener",
            ae_title=calling,
            transfer_syntax=syntax,
        )
    except Exception:
        log.exception("dose listener: could not store a report from %s", calling)
        return StoreStatus.OUT_OF_RESOURCES
    finally:
        close_old_connections()
    if outcome.status is ImportStatus.QUARANTINED:
        log.warning("dose listener: report from %s quarantined: %s", calling, outcome.reason)
        return StoreStatus.CANNOT_UNDERSTAND
    log.info("dose listener: report from %s %s", calling, outcome.status.value)
    return StoreStatus.SUCCESS


def handle_echo(event: Any) -> int:
    """C-ECHO (verification) always succeeds."""
    return StoreStatus.SUCCESS


HANDLERS: list[Any] = [(evt.EVT_C_STORE, handle_store), (evt.EVT_C_ECHO, handle_echo)]


def make_ae(ae_title: str) -> AE:
    """An application entity accepting dose SRs and verification."""
    ae = AE(ae_title=ae_title)
    for uid in DOSE_SR_SOP_CLASSES:
        ae.add_supported_context(uid, TRANSFER_SYNTAXES)
    ae.add_supported_context(VERIFICATION_SOP_CLASS)
    ae.require_called_aet = False
    return ae


def start(host: str, port: int, ae_title: str, block: bool) -> ThreadedAssociationServer | None:
    """Start listening; with block=False returns the server (call `.shutdown()` to stop)."""
    ae = make_ae(ae_title)
    return ae.start_server((host, port), block=block, evt_handlers=HANDLERS)
