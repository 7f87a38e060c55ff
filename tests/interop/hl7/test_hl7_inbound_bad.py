"""Every malformed message gets an answer (AR or AE with ERR) and is kept with its reason."""

from __future__ import annotations

import pytest
from hl7_samples import deliver_fixture, ehr_fixture, err, fresh_peer_cache_fixture, msa, sample  # noqa: F401

from irsuite.interop.hl7.codes import InboxStatus, UnhandledEvents
from irsuite.interop.hl7.inbound.services import receive
from irsuite.interop.hl7.models import InboxMessage
from irsuite.interop.hl7.peers.services import forget_peers, update_peer

pytestmark = pytest.mark.django_db


def test_a_message_without_msh_is_rejected_and_kept(ehr):
    ack = receive(sample("bad_no_msh.hl7"))
    assert msa(ack)[1] == "AR"
    row = InboxMessage.objects.get()
    assert row.status == InboxStatus.REJECTED
    assert bytes(row.raw) == sample("bad_no_msh.hl7")
    assert "MSH" in row.reason


def test_a_version_outside_2_3_to_2_5_1_is_ar_203(ehr):
    ack = receive(sample("bad_wrong_version.hl7"))
    assert msa(ack)[1] == "AR"
    assert err(ack)[3].startswith("203^")


def test_an_unknown_message_type_is_ar_200(ehr):
    ack = receive(sample("bad_unknown_type.hl7"))
    assert (msa(ack)[1], err(ack)[3][:3]) == ("AR", "200")


def test_an_unhandled_event_is_accepted_with_a_note_by_default(ehr):
    ack = receive(sample("bad_unknown_event.hl7"))
    assert msa(ack)[1] == "AA"
    row = InboxMessage.objects.get()
    assert row.status == InboxStatus.NOTED
    assert "ADT^A99" in row.reason


def test_an_unhandled_event_is_ar_201_when_the_peer_says_so(ehr):
    update_peer(ehr, by=None, changes={"unhandled_events": UnhandledEvents.REJECT})
    forget_peers()
    ack = receive(sample("bad_unknown_event.hl7"))
    assert (msa(ack)[1], err(ack)[3][:3]) == ("AR", "201")


def test_an_unknown_sender_is_rejected_and_kept(db):
    ack = receive(sample("adt_a04_register.hl7"))
    assert msa(ack)[1] == "AR"
    row = InboxMessage.objects.get()
    assert (row.peer, row.status, row.sender) == (None, InboxStatus.REJECTED, "EHR/SBH")


def test_garbage_that_is_not_hl7_gets_an_ar(db):
    ack = receive(b"\x00\xff GET / HTTP/1.1")
    assert msa(ack)[1] == "AR"
    assert InboxMessage.objects.count() == 1


def test_the_ack_is_2_3_style_for_a_2_3_sender(ehr):
    text = sample("adt_a08_unknown_patient.hl7").replace(b"|2.5.1|", b"|2.3|")
    ack = receive(text)
    assert msa(ack)[1] == "AE"
    assert err(ack)[1].startswith("PID^1^3^204&Unknown key identifier&HL70357")
