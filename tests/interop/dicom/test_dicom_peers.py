"""The dose listener talks only to known peers, on loopback by default, with bounded waits."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import pydicom
import pytest
from dicom_samples import SAMPLES
from django.core.management import call_command
from pynetdicom import AE
from pynetdicom.association import Association

from irsuite.audit.models import AuditEvent
from irsuite.dose.studies.models import DoseStudy
from irsuite.interop.dicom.listener import VERIFICATION_SOP_CLASS, make_ae, start
from irsuite.interop.dicom.statuses import RejectReason, RejectResult, RejectSource
from irsuite.interop.dicom.store import DOSE_SR_SOP_CLASSES, StoreStatus
from irsuite.people.models import Room, Site, SuiteType

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listener() -> Iterator[int]:
    server = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert server is not None
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()


def _associate(port: int, calling: str) -> Association:
    scu = AE(ae_title=calling)
    for uid in DOSE_SR_SOP_CLASSES:
        scu.add_requested_context(uid)
    scu.add_requested_context(VERIFICATION_SOP_CLASS)
    return scu.associate("127.0.0.1", port, ae_title="IRSUITE")


def _rejection(assoc: Association) -> tuple[int, int, int]:
    reply = assoc.acceptor.primitive
    assert reply is not None
    return int(reply.result), int(reply.result_source), int(reply.diagnostic)


def test_an_unknown_calling_ae_title_is_rejected_and_audited(listener: int, room: Room) -> None:
    assoc = _associate(listener, "INTRUDER")
    assert assoc.is_rejected and not assoc.is_established
    assert _rejection(assoc) == (
        RejectResult.PERMANENT,
        RejectSource.SERVICE_USER,
        RejectReason.CALLING_AE_TITLE_NOT_RECOGNISED,
    )
    event = AuditEvent.objects.get(object_type="dicom.association")
    assert event.object_id == "INTRUDER"
    assert event.summary == "association rejected: unknown calling AE title"
    assert event.channel == "dicom"


def test_an_inactive_rooms_ae_title_is_rejected(listener: int, room: Room) -> None:
    Room.objects.filter(pk=room.pk).update(active=False)
    assert _associate(listener, room.ae_title).is_rejected


def test_an_active_rooms_ae_title_may_send_a_report(listener: int, room: Room) -> None:
    assoc = _associate(listener, room.ae_title)
    assert assoc.is_established
    try:
        status = assoc.send_c_store(pydicom.dcmread(SAMPLES / "RF-RDSR-Philips_Allura.dcm"))
        assert status.Status == StoreStatus.SUCCESS
    finally:
        assoc.release()
    assert DoseStudy.objects.get().room == room
    assert not AuditEvent.objects.filter(object_type="dicom.association").exists()


def test_a_peer_named_in_settings_may_associate(listener: int, settings: Any, site: Site) -> None:
    settings.DICOM_PEERS = ["PACS_ARCHIVE"]
    assoc = _associate(listener, "PACS_ARCHIVE")
    assert assoc.is_established
    assert assoc.send_c_echo().Status == StoreStatus.SUCCESS
    assoc.release()


def test_associations_beyond_the_limit_are_refused(settings: Any, room: Room) -> None:
    settings.DICOM_MAX_ASSOCIATIONS = 1
    server = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert server is not None
    port = server.server_address[1]
    try:
        first = _associate(port, room.ae_title)
        assert first.is_established
        second = _associate(port, room.ae_title)
        assert second.is_rejected
        first.release()
    finally:
        server.shutdown()


def test_a_silent_connection_is_dropped_after_the_timeout(settings: Any) -> None:
    settings.DICOM_TIMEOUT_SECONDS = 1
    server = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert server is not None
    try:
        with socket.create_connection(server.server_address[:2], timeout=10) as peer:
            started = time.monotonic()
            assert peer.recv(1) == b""  # closed by the listener, never answered
            assert time.monotonic() - started < 8
    finally:
        server.shutdown()


def test_an_idle_association_is_dropped_by_the_network_timeout(settings: Any, room: Room) -> None:
    settings.DICOM_TIMEOUT_SECONDS = 1
    server = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert server is not None
    try:
        assoc = _associate(server.server_address[1], room.ae_title)
        assert assoc.is_established
        deadline = time.monotonic() + 8
        while assoc.is_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert assoc.is_aborted and not assoc.is_established
    finally:
        server.shutdown()


def test_the_application_entity_takes_its_limits_from_the_settings(settings: Any) -> None:
    settings.DICOM_TIMEOUT_SECONDS = 12
    settings.DICOM_MAX_PDU_BYTES = 65_536
    settings.DICOM_MAX_ASSOCIATIONS = 3
    ae = make_ae("IRSUITE")
    assert (ae.acse_timeout, ae.dimse_timeout, ae.network_timeout) == (12, 12, 12)
    assert ae.maximum_pdu_size == 65_536
    assert ae.maximum_associations == 3


def test_the_listener_binds_loopback_unless_told_otherwise(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert settings.DICOM_HOST == "127.0.0.1"
    bound: list[str] = []
    monkeypatch.setattr(
        "irsuite.interop.management.commands.dicom-listen.start",
        lambda host, *args, **kwargs: bound.append(host),
    )
    call_command("dicom-listen", "--port", "0")
    settings.DICOM_HOST = "10.0.0.5"
    call_command("dicom-listen", "--port", "0")
    call_command("dicom-listen", "--port", "0", "--host", "192.0.2.1")
    assert bound == ["127.0.0.1", "10.0.0.5", "192.0.2.1"]


def test_a_second_room_of_another_site_is_known_too(listener: int, site: Site) -> None:
    other = Site.objects.create(code="noc", name="Northfield")
    Room.objects.create(
        site=other, code="ct1", name="CT 1", suite_type=SuiteType.CT, ae_title="NOC_CT1"
    )
    assoc = _associate(listener, "NOC_CT1")
    assert assoc.is_established
    assoc.release()
