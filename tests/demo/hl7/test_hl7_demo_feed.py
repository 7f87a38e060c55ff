"""The demo's HL7 feed: a day of synthetic ADT and orders through the real listener's socket,
and the stand-in receiver that answers irsuite's outbound messages."""

from __future__ import annotations

import datetime as dt

import pytest
from hl7.mllp import open_hl7_connection

from irsuite.cases.models import Request, RequestStatus
from irsuite.demo.hl7 import receiver
from irsuite.demo.hl7.__main__ import _feed
from irsuite.demo.hl7.area import ensure_peer
from irsuite.demo.hl7.feed import PATIENTS, day_of_messages
from irsuite.interop.hl7.client import run_coroutine
from irsuite.interop.hl7.codes import InboxStatus
from irsuite.interop.hl7.listener import Running
from irsuite.interop.hl7.models import InboxMessage
from irsuite.interop.hl7.peers.services import forget_peers
from irsuite.patients.models import Patient

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.date(2026, 12, 6)


def test_a_day_of_the_demo_feed_registers_patients_and_files_their_orders(site, catalogue):
    ensure_peer()
    forget_peers()
    messages = day_of_messages(DAY)
    running = Running("127.0.0.1", 0)
    try:
        run_coroutine(_feed("127.0.0.1", running.port, messages, pace=0))
    finally:
        running.stop()
    assert InboxMessage.objects.count() == len(messages)
    assert set(InboxMessage.objects.values_list("status", flat=True)) == {InboxStatus.APPLIED}
    assert Patient.objects.count() == PATIENTS
    requests = Request.objects.exclude(placer_order_number="")
    assert requests.count() == PATIENTS
    assert requests.exclude(unmapped_code="").count() == 1
    assert requests.filter(status=RequestStatus.CANCELLED).count() == 1


def test_the_same_day_sent_again_is_answered_from_the_inbox_and_applied_once(site, catalogue):
    ensure_peer()
    forget_peers()
    running = Running("127.0.0.1", 0)
    try:
        run_coroutine(_feed("127.0.0.1", running.port, day_of_messages(DAY), pace=0))
        run_coroutine(_feed("127.0.0.1", running.port, day_of_messages(DAY), pace=0))
    finally:
        running.stop()
    assert InboxMessage.objects.count() == len(day_of_messages(DAY))
    assert Request.objects.exclude(placer_order_number="").count() == PATIENTS


def test_the_stand_in_receiver_accepts_what_irsuite_sends():
    message = (
        b"MSH|^~\\&|IRSUITE|IR|DEMO-EHR|SBH|20261206090000||ORM^O01^ORM_O01|OUT1|P|2.5.1\r"
        b"ORC|SC|EHR1^EHR|||IP"
    )

    async def exchange() -> bytes:
        server = await receiver.start("127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            reader, writer = await open_hl7_connection("127.0.0.1", port)
            writer.writeblock(message)
            await writer.drain()
            ack = await reader.readblock()
            writer.close()
            return bytes(ack)

    ack = run_coroutine(exchange())
    assert b"MSA|AA|OUT1" in ack
    assert receiver.received[-1] == "ORM^O01"
