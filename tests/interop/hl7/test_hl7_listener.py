"""The MLLP listener: many messages per connection, bad frames answered or skipped, one peer's
trouble never reaching another connection."""

from __future__ import annotations

import socket

import pytest
from hl7_samples import deliver_fixture, ehr_fixture, fresh_peer_cache_fixture, msa, sample  # noqa: F401

from irsuite.interop.hl7 import client
from irsuite.interop.hl7.codec import frame
from irsuite.interop.hl7.listener import Running
from irsuite.interop.hl7.models import InboxMessage
from irsuite.patients.models import Patient

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listener():  # type: ignore[no-untyped-def]
    running = Running("127.0.0.1", 0)
    yield running
    running.stop()


def _read_frame(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\x1c\r"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data[1:-2]


def test_many_messages_on_one_connection_each_get_their_ack(ehr, listener):
    names = ["adt_a04_register.hl7", "adt_a08_update.hl7", "orm_o01_new.hl7"]
    acks = client.send("127.0.0.1", listener.port, [sample(n) for n in names])
    assert [msa(a)[1:3] for a in acks] == [
        ["AA", "A04-0001"], ["AA", "A08-0001"], ["AA", "ORM-0001"]]  # fmt: skip
    assert InboxMessage.objects.count() == 3


def test_garbage_between_frames_and_a_half_frame_do_not_stop_other_connections(ehr, listener):
    with socket.create_connection(("127.0.0.1", listener.port)) as bad:
        bad.sendall(b"\x00\x01 garbage \x1c\r")  # no start block: skipped
        bad.sendall(b"noise" + frame(sample("adt_a04_register.hl7").decode()))
        assert msa(_read_frame(bad))[1] == "AA"
        with socket.create_connection(("127.0.0.1", listener.port)) as half:
            half.sendall(b"\x0bMSH|^~\\&|EHR|SBH|IRSUITE|IR|2026")  # then hangs up
        acks = client.send("127.0.0.1", listener.port, [sample("adt_a08_update.hl7")])
        assert msa(acks[0])[1] == "AA"
    assert Patient.objects.get().family_name == "Example-Smith"


def test_a_message_larger_than_64_kib_is_received(ehr, listener):
    big = sample("adt_a04_register.hl7").replace(b"PV1|1|O|IR^^^SBH", b"NTE|1||" + b"x" * 200_000)
    [ack] = client.send("127.0.0.1", listener.port, [big])
    assert msa(ack)[1] == "AA"


def test_an_unknown_sender_gets_ar_over_the_wire(db, listener):
    [ack] = client.send("127.0.0.1", listener.port, [sample("adt_a04_register.hl7")])
    assert msa(ack)[1] == "AR"
