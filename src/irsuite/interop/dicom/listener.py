"""irsuite's one DICOM application entity: verification, dose storage, Modality Worklist
(C-FIND) and Modality Performed Procedure Step (N-CREATE / N-SET).

Plain handler functions are bound to pynetdicom events. An exception in a handler becomes a
failure status with an error comment; the server keeps serving the next request.
"""

from __future__ import annotations

import logging
import socket
import threading
from typing import Any, cast

from django.conf import settings
from pynetdicom import AE, _config, evt
from pynetdicom.transport import ThreadedAssociationServer

from irsuite.interop.dicom import database, pacing, peers
from irsuite.interop.dicom.mpps import scp as mpps
from irsuite.interop.dicom.statuses import RejectReason, RejectResult, RejectSource, Status
from irsuite.interop.dicom.store import DOSE_SR_SOP_CLASSES, handle_store
from irsuite.interop.dicom.worklist import scp as worklist

log = logging.getLogger(__name__)

VERIFICATION_SOP_CLASS = "1.2.840.10008.1.1"
MODALITY_WORKLIST_FIND = "1.2.840.10008.5.1.4.31"  # PS3.4 K.6.1
MPPS_SOP_CLASS = "1.2.840.10008.3.1.2.3.3"  # PS3.4 F.7
TRANSFER_SYNTAXES = [
    "1.2.840.10008.1.2",  # Implicit VR Little Endian
    "1.2.840.10008.1.2.1",  # Explicit VR Little Endian
    "1.2.840.10008.1.2.2",  # Explicit VR Big Endian (read through pydicom)
]


def _verdict_on(calling: str) -> tuple[RejectResult, RejectReason] | None:
    """None for a known peer; otherwise the rejection, recorded."""
    if peers.is_known(calling):
        return None
    peers.record_rejection(calling)
    return RejectResult.PERMANENT, RejectReason.CALLING_AE_TITLE_NOT_RECOGNISED


def handle_requested(event: Any) -> None:
    """Refuse an association whose calling AE title is not a known peer (audited).

    When the peers cannot be read (database down) the association is refused as transient,
    so that the modality retries later instead of talking to a server that cannot check.
    """
    # The requestor's AE title is filled in only once the association is negotiated.
    calling = str(event.assoc.requestor.primitive.calling_ae_title).strip()
    try:
        verdict = database.in_database(event, _verdict_on, calling)
    except Exception:
        log.exception("dicom: could not check the calling AE title")
        verdict = (RejectResult.TRANSIENT, RejectReason.NO_REASON_GIVEN)
    if verdict is None:
        return
    log.warning("dicom: association from an unknown AE title rejected")
    event.assoc.acse.send_reject(verdict[0], RejectSource.SERVICE_USER, verdict[1])
    # As pynetdicom does for its own rejections: stopping the DUL sends the queued reply
    # before the connection is closed.
    event.assoc.kill()


def handle_connection_open(event: Any) -> None:
    """Send each PDU at once (TCP_NODELAY).

    A C-FIND answer or an N-CREATE reply is a command PDU followed by a data set PDU; with
    Nagle's algorithm on, the second waits for the peer's delayed acknowledgement of the
    first (40 ms on Linux), several times per exchange.
    """
    sock = getattr(event.assoc.dul.socket, "socket", None)
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def handle_echo(event: Any) -> int:
    """C-ECHO (verification) always succeeds."""
    return Status.SUCCESS


HANDLERS: list[Any] = [
    (evt.EVT_CONN_OPEN, handle_connection_open),
    (evt.EVT_REQUESTED, handle_requested),
    (evt.EVT_C_STORE, handle_store),
    (evt.EVT_C_ECHO, handle_echo),
    (evt.EVT_C_FIND, worklist.handle_find),
    (evt.EVT_N_CREATE, mpps.handle_create),
    (evt.EVT_N_SET, mpps.handle_set),
]


def quiet_identifiers() -> None:
    """Keep patients out of the log: pynetdicom's own event logging writes every query's and
    answer's identifier (names, IDs, birth dates) at INFO and decodes every PDU to do it."""
    _config.LOG_HANDLER_LEVEL = "none"
    _config.LOG_REQUEST_IDENTIFIERS = False
    _config.LOG_RESPONSE_IDENTIFIERS = False


def make_ae(ae_title: str) -> AE:
    """The application entity with every service irsuite offers, with bounded resources.

    Timeouts, the largest PDU and the number of simultaneous associations come from the
    settings; an idle association is dropped when the network timeout passes.
    """
    quiet_identifiers()
    ae = AE(ae_title=ae_title)
    for uid in (*DOSE_SR_SOP_CLASSES, MODALITY_WORKLIST_FIND, MPPS_SOP_CLASS):
        ae.add_supported_context(uid, TRANSFER_SYNTAXES)
    ae.add_supported_context(VERIFICATION_SOP_CLASS)
    ae.require_called_aet = False
    timeout = settings.DICOM_TIMEOUT_SECONDS
    ae.acse_timeout = ae.dimse_timeout = ae.network_timeout = timeout
    ae.maximum_pdu_size = settings.DICOM_MAX_PDU_BYTES
    ae.maximum_associations = settings.DICOM_MAX_ASSOCIATIONS
    return ae


class Server(ThreadedAssociationServer):
    """pynetdicom's server with irsuite's database threads, stopped with it."""

    def shutdown(self) -> None:
        super().shutdown()
        getattr(self.ae, database.ATTRIBUTE).stop()


def start(host: str, port: int, ae_title: str, block: bool) -> Server | None:
    """Start serving; with block=False returns the server (call `.shutdown()` to stop)."""
    ae = make_ae(ae_title)
    server = cast(
        Server,
        ae.make_server(
            (host, port),
            evt_handlers=HANDLERS,
            server_class=Server,
            request_handler=pacing.BriskRequestHandler,
        ),
    )
    # Once the port is bound (a port in use raises before any thread starts).
    setattr(ae, database.ATTRIBUTE, database.DatabaseThreads(settings.DICOM_DATABASE_THREADS))
    ae._servers.append(server)  # as AE.start_server does, so that AE.shutdown stops it
    if not block:
        threading.Thread(target=server.serve_forever, name="dicom-server", daemon=True).start()
        return server
    try:
        server.serve_forever()
    finally:
        server.shutdown()
    return None
