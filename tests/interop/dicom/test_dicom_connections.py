"""The DICOM server's connections: no patient identifier reaches the log, even with every logger
at DEBUG (pynetdicom's own event logging, which writes each data set, is off), each PDU leaves
at once, and the handlers' database work runs on the server's long-lived database threads."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator

import pytest
from dicom_peers import find, server, worklist_query
from django.utils import timezone
from pynetdicom import AE

from irsuite.cases.models import Request
from irsuite.interop.dicom import peers
from irsuite.interop.dicom.listener import VERIFICATION_SOP_CLASS as VERIFICATION
from irsuite.interop.dicom.listener import start
from irsuite.interop.dicom.statuses import Status
from irsuite.people.models import Room

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def port(room: Room) -> Iterator[int]:
    with server() as running:
        yield running


def test_a_worklist_query_and_its_answers_leave_no_patient_identifier_in_the_log(
    port: int, scheduled_request: Request, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="pynetdicom")
    query = worklist_query(ScheduledProcedureStepStartDate=timezone.localdate().strftime("%Y%m%d"))
    query.PatientName = "Example^Ada"
    final, answers = find(port, query)
    assert final == Status.SUCCESS and len(answers) == 1
    assert caplog.records, "the association itself is logged"
    for secret in ("Example", "Ada", "SBH0000001", "19600517", scheduled_request.accession_number):
        assert secret not in caplog.text


def test_the_server_sends_each_pdu_at_once_without_waiting_for_acknowledgements(
    room: Room,
) -> None:
    """A C-FIND answer is a command PDU then a data set PDU; with Nagle's algorithm on, the
    second waits for the modality's delayed acknowledgement (40 ms) for every answer."""
    running = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert running is not None
    try:
        ae = AE(ae_title="SBH_ANGIO1")
        ae.add_requested_context(VERIFICATION)
        assoc = ae.associate("127.0.0.1", running.server_address[1], ae_title="IRSUITE")
        assert assoc.is_established
        [accepted] = running.active_associations
        sock = accepted.dul.socket.socket
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        assoc.release()
    finally:
        running.shutdown()


def test_every_handlers_database_work_runs_on_the_servers_database_threads(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    known = peers.is_known

    def spy(calling: str) -> bool:
        threads.append(threading.current_thread().name)
        return known(calling)

    monkeypatch.setattr(peers, "is_known", spy)
    running = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert running is not None
    try:
        for _ in range(3):
            ae = AE(ae_title="SBH_ANGIO1")
            ae.add_requested_context(VERIFICATION)
            assoc = ae.associate("127.0.0.1", running.server_address[1], ae_title="IRSUITE")
            assert assoc.is_established
            assoc.release()
    finally:
        running.shutdown()
    assert len(threads) == 3
    assert all(name.startswith("dicom-db") for name in threads)
    alive = [t.name for t in threading.enumerate() if t.name.startswith("dicom-db")]
    assert alive == [], "the database threads end with the server"
