"""DICOM C-STORE SCP for dose reports (IHE REM: irsuite as dose consumer).

Plain handler functions are bound to pynetdicom events; a report is acknowledged with Success
only after it is committed, and anything that goes wrong becomes a failure status while the
listener keeps running.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from pynetdicom import AE, evt
from pynetdicom.transport import ThreadedAssociationServer

from irsuite.dose.importing import peers
from irsuite.dose.importing.services import ImportFault, ImportStatus, import_rdsr, quarantine

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


class RejectResult(IntEnum):
    """A-ASSOCIATE-RJ result (PS3.8 9.3.4)."""

    PERMANENT = 0x01
    TRANSIENT = 0x02


class RejectSource(IntEnum):
    """A-ASSOCIATE-RJ source (PS3.8 9.3.4)."""

    SERVICE_USER = 0x01


class RejectReason(IntEnum):
    """A-ASSOCIATE-RJ reason/diagnostic when the source is the service user (PS3.8 9.3.4)."""

    NO_REASON_GIVEN = 0x01
    CALLING_AE_TITLE_NOT_RECOGNISED = 0x03


def handle_requested(event: Any) -> None:
    """Refuse an association whose calling AE title is not a known peer (audited).

    When the peers cannot be read (database down) the association is refused as transient,
    so that the modality retries later instead of sending to a listener that cannot check.
    """
    # The requestor's AE title is filled in only once the association is negotiated.
    calling = str(event.assoc.requestor.primitive.calling_ae_title).strip()
    close_old_connections()
    try:
        if peers.is_known(calling):
            return
        peers.record_rejection(calling)
        verdict = (RejectResult.PERMANENT, RejectReason.CALLING_AE_TITLE_NOT_RECOGNISED)
    except Exception:
        log.exception("dose listener: could not check the calling AE title")
        verdict = (RejectResult.TRANSIENT, RejectReason.NO_REASON_GIVEN)
    finally:
        close_old_connections()
    log.warning("dose listener: association from an unknown AE title rejected")
    event.assoc.acse.send_reject(verdict[0], RejectSource.SERVICE_USER, verdict[1])
    # As pynetdicom does for its own rejections: stopping the DUL sends the queued reply
    # before the connection is closed.
    event.assoc.kill()


def handle_store(event: Any) -> int:
    """Import one received report; Success only once it is committed. Received bytes that
    cannot be stored are kept in the quarantine before the failure status is answered."""
    calling = str(event.assoc.requestor.ae_title).strip()
    try:
        data = event.request.DataSet.getvalue()
    except Exception:
        log.exception("dose listener: unreadable C-STORE request from %s", calling)
        return StoreStatus.CANNOT_UNDERSTAND  # no bytes were received to keep
    close_old_connections()
    try:
        return _store(event, data, calling)
    finally:
        close_old_connections()


def _store(event: Any, data: bytes, calling: str) -> int:
    filename = f"{calling}/unknown"
    try:
        filename = f"{calling}/{event.request.AffectedSOPInstanceUID}"
        syntax = str(event.context.transfer_syntax)
    except Exception as exc:
        log.exception("dose listener: unreadable C-STORE request from %s", calling)
        _keep(data, ImportFault(type(exc).__name__), filename, calling)
        return StoreStatus.CANNOT_UNDERSTAND
    try:
        outcome = import_rdsr(
            data, filename=filename, source="listener", ae_title=calling, transfer_syntax=syntax
        )
    except Exception as exc:
        log.exception("dose listener: could not store a report from %s", calling)
        _keep(data, ImportFault(type(exc).__name__), filename, calling)
        return StoreStatus.OUT_OF_RESOURCES
    if outcome.status is ImportStatus.QUARANTINED:
        log.warning("dose listener: report from %s quarantined: %s", calling, outcome.reason)
        return StoreStatus.CANNOT_UNDERSTAND
    log.info("dose listener: report from %s %s", calling, outcome.status.value)
    return StoreStatus.SUCCESS


def _keep(data: bytes, fault: ImportFault, filename: str, calling: str) -> None:
    """Quarantine the received bytes; if even that fails, the sender keeps them (failure)."""
    try:
        quarantine(data, fault, filename=filename, source="listener", ae_title=calling)
    except Exception:
        log.exception("dose listener: could not quarantine a report from %s", calling)


def handle_echo(event: Any) -> int:
    """C-ECHO (verification) always succeeds."""
    return StoreStatus.SUCCESS


HANDLERS: list[Any] = [
    (evt.EVT_REQUESTED, handle_requested),
    (evt.EVT_C_STORE, handle_store),
    (evt.EVT_C_ECHO, handle_echo),
]


def make_ae(ae_title: str) -> AE:
    """An application entity accepting dose SRs and verification, with bounded resources.

    Timeouts, the largest PDU and the number of simultaneous associations come from the
    settings; an idle association is dropped when the network timeout passes.
    """
    ae = AE(ae_title=ae_title)
    for uid in DOSE_SR_SOP_CLASSES:
        ae.add_supported_context(uid, TRANSFER_SYNTAXES)
    ae.add_supported_context(VERIFICATION_SOP_CLASS)
    ae.require_called_aet = False
    timeout = settings.DICOM_TIMEOUT_SECONDS
    ae.acse_timeout = ae.dimse_timeout = ae.network_timeout = timeout
    ae.maximum_pdu_size = settings.DICOM_MAX_PDU_BYTES
    ae.maximum_associations = settings.DICOM_MAX_ASSOCIATIONS
    return ae


def start(host: str, port: int, ae_title: str, block: bool) -> ThreadedAssociationServer | None:
    """Start listening; with block=False returns the server (call `.shutdown()` to stop)."""
    ae = make_ae(ae_title)
    return ae.start_server((host, port), block=block, evt_handlers=HANDLERS)
