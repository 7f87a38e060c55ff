"""Outbound messages: written with the change, parsed back field by field, sent in order per
patient until the peer's AA, retried with back-off, refused ones resent by hand."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading

import hl7
import pytest
from hl7.mllp import start_hl7_server
from hl7_samples import deliver_fixture, ehr_fixture, fresh_peer_cache_fixture, sample  # noqa: F401

from irsuite.cases.models import Request
from irsuite.cases.requests import services
from irsuite.interop.hl7.codes import OutboxStatus
from irsuite.interop.hl7.inbound.services import receive
from irsuite.interop.hl7.models import OutboxMessage
from irsuite.interop.hl7.outbound import services as outbound
from irsuite.interop.hl7.peers.services import forget_peers, update_peer

pytestmark = pytest.mark.django_db


class Receiver:
    """python-hl7's bare asyncio server as the hospital's receiver: keeps and acks messages."""

    def __init__(self, code: str = "AA") -> None:
        self.code, self.got, self.port = code, [], 0
        ready = threading.Event()
        self.loop = asyncio.new_event_loop()

        async def handle(reader, writer):  # type: ignore[no-untyped-def]
            try:
                while True:
                    message = await reader.readmessage()
                    self.got.append(message)
                    writer.writemessage(message.create_ack(self.code))
                    await writer.drain()
            except asyncio.IncompleteReadError:
                writer.close()

        async def main() -> None:
            server = await start_hl7_server(handle, "127.0.0.1", 0, encoding="utf-8")
            self.port = server.sockets[0].getsockname()[1]
            ready.set()
            async with server:
                await server.serve_forever()

        threading.Thread(target=lambda: self.loop.run_until_complete(main()), daemon=True).start()
        ready.wait(10)


@pytest.fixture
def ordered(ehr) -> Request:  # type: ignore[no-untyped-def]
    receive(sample("orm_o01_new.hl7"))
    return Request.objects.get()


def _point(ehr, port: int) -> None:  # type: ignore[no-untyped-def]
    update_peer(ehr, by=None, changes={"outbound_host": "127.0.0.1", "outbound_port": port})
    forget_peers()


def test_vetting_writes_an_order_status_message_in_the_same_transaction(ehr, ordered, persona):
    _point(ehr, 9)
    services.vet(ordered, by=persona("attending"), accept=True, note="ok")
    row = OutboxMessage.objects.get()
    assert (row.status, row.accession, row.patient_key) == (
        OutboxStatus.PENDING, ordered.accession_number, ordered.patient_id)  # fmt: skip
    message = hl7.parse(row.text)
    assert str(message.segment("MSH")[9]) == "ORM^O01^ORM_O01"
    assert str(message.segment("MSH")[5]) == "EHR"
    assert str(message.segment("MSH")[18]) == "UNICODE UTF-8"
    orc = message.segment("ORC")
    assert (str(orc[1]), str(orc[2]), str(orc[3]), str(orc[5])) == (
        "SC", "PLC1001", ordered.accession_number, "SC")  # fmt: skip
    pid = message.segment("PID")
    assert str(pid[3][0][0]) == "SBH0000001" and str(pid[3][0][3]) == "SBH"
    assert str(pid[5]) == "Example^Ada"
    assert str(message.segment("OBR")[4]) == "PCN^Percutaneous nephrostomy^IRSUITE"


def test_an_omi_peer_gets_omi_o23(ehr, ordered, persona):
    update_peer(ehr, by=None, changes={"outbound_host": "127.0.0.1", "outbound_port": 9,
                                       "order_message": "OMI^O23"})  # fmt: skip
    forget_peers()
    services.vet(ordered, by=persona("attending"), accept=True, note="ok")
    message = hl7.parse(OutboxMessage.objects.get().text)
    assert str(message.segment("MSH")[9]) == "OMI^O23^OMI_O23"
    assert message.segment("TQ1") is not None


def test_booking_and_release_write_siu_s12_and_s15(ehr, ordered, persona, room):
    _point(ehr, 9)
    services.vet(ordered, by=persona("attending"), accept=True, note="ok")
    start = dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)
    services.schedule_request(ordered, room=room, start=start, by=persona("scheduler"))
    services.transition(Request.objects.get(), "vetted", by=persona("scheduler"))
    kinds = list(OutboxMessage.objects.order_by("id").values_list("message_type", flat=True))
    assert "SIU^S12" in kinds and kinds[-1] == "SIU^S15"
    s12 = hl7.parse(OutboxMessage.objects.get(message_type="SIU^S12").text)
    sch = s12.segment("SCH")
    assert (str(sch[25]), str(sch[26]), str(sch[27])) == (
        "Booked", "PLC1001", ordered.accession_number)  # fmt: skip
    assert str(s12.segment("AIL")[3]) == "^angio1^^SBH"


def test_a_result_carries_the_report_lines_and_the_pdf_when_asked(ehr, ordered):
    update_peer(ehr, by=None, changes={"outbound_host": "h", "outbound_port": 9,
                                       "send_report_pdf": True})  # fmt: skip
    forget_peers()
    outbound.on_report(ordered, [("Findings", "Line one\nLine | two")], corrected=True,
                       pdf=lambda: b"%PDF-1.7 fake")  # fmt: skip
    message = hl7.parse(OutboxMessage.objects.get().text)
    assert str(message.segment("OBR")[25]) == "C"
    obx = message.segments("OBX")
    assert [str(o[2]) for o in obx] == ["TX", "TX", "ED"]
    assert message.unescape(str(obx[1][5])) == "Line | two"
    assert str(obx[2][5][0][3]) == "Base64" and str(obx[2][11]) == "C"


def test_the_worker_sends_in_order_until_the_peers_aa(ehr, ordered, persona):
    receiver = Receiver("AA")
    _point(ehr, receiver.port)
    services.vet(ordered, by=persona("attending"), accept=True, note="ok")
    services.transition(Request.objects.get(), "cancelled", by=persona("attending"), reason="x")
    assert outbound.send_pending(ehr.pk) == 2
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert [str(m.segment("ORC")[5]) for m in receiver.got] == ["SC", "CA"]


def test_a_dead_peer_backs_off_and_holds_the_patients_later_messages(ehr, ordered, persona):
    _point(ehr, 9)  # nothing listens on the discard port
    services.vet(ordered, by=persona("attending"), accept=True, note="ok")
    services.transition(Request.objects.get(), "cancelled", by=persona("attending"), reason="x")
    now = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)
    assert outbound.send_pending(ehr.pk, now=now) == 0
    first, second = OutboxMessage.objects.order_by("id")
    assert (first.attempts, first.next_attempt_at) == (1, now + outbound.RETRY_BASE)
    assert "unreachable" in first.last_error
    assert second.attempts == 0  # waits behind the first: order per patient
    assert outbound.due(ehr, now) == []


def test_back_off_doubles_up_to_its_cap():
    waits = [outbound.backoff(n) for n in range(1, 12)]
    assert waits[0] == outbound.RETRY_BASE and waits[1] == 2 * outbound.RETRY_BASE
    assert max(waits) == outbound.RETRY_CAP


def test_an_ae_marks_the_message_refused_and_resend_queues_it_again(ehr, ordered, persona):
    receiver = Receiver("AE")
    _point(ehr, receiver.port)
    services.vet(ordered, by=persona("attending"), accept=True, note="ok")
    outbound.send_pending(ehr.pk)
    row = OutboxMessage.objects.get()
    assert row.status == OutboxStatus.REFUSED and row.last_error.startswith("AE")
    assert outbound.resend(row, by=None).status == OutboxStatus.PENDING
