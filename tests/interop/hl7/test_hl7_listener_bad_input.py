"""The listener's bad-input list, over real sockets: every malformed message gets an answer
(AR or AE with ERR) and is kept with its reason, and never takes the listener down; a peer
that stalls mid-message or sends garbage between frames does not hold up other connections."""

from __future__ import annotations

import socket

import pytest
from hl7_samples import ehr_fixture, err, fresh_peer_cache_fixture, msa, sample  # noqa: F401

from irsuite.errors import Conflict
from irsuite.interop.hl7 import client, listener
from irsuite.interop.hl7.codec import frame
from irsuite.interop.hl7.codes import InboxStatus
from irsuite.interop.hl7.inbound import services
from irsuite.interop.hl7.listener import Running
from irsuite.interop.hl7.models import InboxMessage
from irsuite.patients.models import Patient

pytestmark = pytest.mark.django_db(transaction=True)
SAFETY_NET = 20  # seconds a socket waits before the test fails rather than hangs


@pytest.fixture
def running():  # type: ignore[no-untyped-def]
    started = Running("127.0.0.1", 0)
    yield started
    started.stop()


def _connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port))
    sock.settimeout(SAFETY_NET)
    return sock


def _read_frame(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\x1c\r"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data[data.find(b"\x0b") + 1 : -2]


def test_a_stalled_connection_with_garbage_does_not_hold_up_another(ehr, running):
    register = frame(sample("adt_a04_register.hl7").decode())
    with _connect(running.port) as stalled:
        stalled.sendall(b"\x00\xff garbage between frames \x1c\r")
        stalled.sendall(b"more noise" + register[: len(register) // 2])  # and then it waits
        names = ["adt_a04_register.hl7", "adt_a08_update.hl7", "adt_a01_admit.hl7"]
        acks = client.send("127.0.0.1", running.port, [sample(n) for n in names])
        assert [msa(a)[1] for a in acks] == ["AA", "AA", "AA"]
        stalled.sendall(register[len(register) // 2 :])  # the stalled peer goes on
        assert msa(_read_frame(stalled))[1:3] == ["AA", "A04-0001"]  # the stored ACK
    assert Patient.objects.get(given_name="Ada").family_name == "Example-Smith"


def test_a_frame_that_is_not_hl7_gets_ar_is_kept_and_the_connection_goes_on(ehr, running):
    with _connect(running.port) as sock:
        sock.sendall(b"\x0bGET / HTTP/1.1\r\nHost: irsuite\r\n\r\n\x1c\r")
        assert msa(_read_frame(sock))[1] == "AR"
        sock.sendall(frame(sample("adt_a04_register.hl7").decode()))
        assert msa(_read_frame(sock))[1] == "AA"
    kept = InboxMessage.objects.get(status=InboxStatus.REJECTED)
    assert bytes(kept.raw).startswith(b"GET / HTTP/1.1") and kept.reason


def test_a_message_irsuite_fails_on_gets_ae_is_kept_and_the_next_is_applied(
    ehr, running, monkeypatch
):
    def broken(ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError("a fault irsuite did not foresee")

    monkeypatch.setitem(services.HANDLERS, "ADT^A08", broken)
    names = ["adt_a04_register.hl7", "adt_a08_update.hl7", "adt_a01_admit.hl7"]
    acks = client.send("127.0.0.1", running.port, [sample(n) for n in names])
    assert [msa(a)[1] for a in acks] == ["AA", "AE", "AA"]
    assert err(acks[1])[3].startswith("207^")
    kept = InboxMessage.objects.get(message_type="ADT^A08")
    assert (kept.status, kept.peer, kept.control_id) == (InboxStatus.ERROR, ehr, "")
    assert "RuntimeError" in kept.reason and bytes(kept.raw) == sample("adt_a08_update.hl7")
    monkeypatch.undo()
    # Sent again once irsuite is fixed, it is applied (not answered with the stored AE).
    [again] = client.send("127.0.0.1", running.port, [sample("adt_a08_update.hl7")])
    assert msa(again)[1] == "AA"
    # The kept copy cannot then be replayed into a second application.
    with pytest.raises(Conflict, match="sent this message again"):
        services.replay(kept)
    assert InboxMessage.objects.get(pk=kept.pk).status == InboxStatus.ERROR


def test_a_frame_over_the_limit_gets_ar_its_start_is_kept_and_others_are_served(ehr, monkeypatch):
    monkeypatch.setattr(listener, "READ_LIMIT", 64 * 1024)
    started = Running("127.0.0.1", 0)
    try:
        big = sample("adt_a04_register.hl7").replace(
            b"PV1|1|O|IR^^^SBH", b"NTE|1||" + b"x" * 200_000
        )
        with _connect(started.port) as sock:
            sock.sendall(frame(big.decode()))
            ack = _read_frame(sock)
        assert msa(ack)[1:3] == ["AR", "A04-0001"] and "limit" in err(ack)[8]
        kept = InboxMessage.objects.get()
        assert kept.status == InboxStatus.REJECTED and "first" in kept.reason
        assert bytes(kept.raw).startswith(b"MSH|") and len(bytes(kept.raw)) < len(big)
        [ack] = client.send("127.0.0.1", started.port, [sample("adt_a08_update.hl7")])
        assert msa(ack)[1] == "AE"  # served (the patient is unknown: nothing was applied)
    finally:
        started.stop()
