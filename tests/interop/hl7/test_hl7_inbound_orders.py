"""Orders (RAD-2) make, change and cancel requests; an external scheduler books them."""

from __future__ import annotations

import pytest
from hl7_samples import deliver_fixture, ehr_fixture, err, fresh_peer_cache_fixture, msa, sample  # noqa: F401

from irsuite.cases.models import Priority, Request, RequestStatus
from irsuite.cases.requests import services
from irsuite.interop.hl7.codes import InboxStatus
from irsuite.interop.hl7.inbound.services import receive, replay
from irsuite.interop.hl7.models import InboxMessage
from irsuite.interop.hl7.peers.services import forget_peers, set_mapping, update_peer

pytestmark = pytest.mark.django_db


def test_an_orm_nw_creates_a_request_with_the_mapped_procedure(ehr, deliver):
    assert msa(deliver("orm_o01_new.hl7"))[1] == "AA"
    request = Request.objects.get()
    assert request.placer_order_number == "PLC1001"
    assert request.catalogue_entry.code == "PCN"
    assert request.priority == Priority.URGENT  # OBR-27.6 A
    assert request.indication.splitlines() == [
        "Hydronephrosis",
        "Obstructed left kidney",
        "Creatinine rising",
    ]
    assert request.referring_service == "Ordered by Rita Referrer"
    assert request.unmapped_code == ""
    assert InboxMessage.objects.get().accession == request.accession_number


def test_an_omi_o23_creates_a_stat_request(ehr, deliver):
    assert msa(deliver("omi_o23_new.hl7"))[1] == "AA"
    request = Request.objects.get()
    assert (request.catalogue_entry.code, request.priority) == ("PCN", Priority.EMERGENT)
    assert request.indication == "Septic obstructed kidney"


def test_an_unmapped_code_without_a_fallback_is_ae_and_replays_after_a_mapping(ehr, deliver):
    ack = deliver("orm_o01_unmapped.hl7")
    assert (msa(ack)[1], err(ack)[3][:3], err(ack)[2]) == ("AE", "103", "OBR^1^4")
    row = InboxMessage.objects.get()
    assert row.status == InboxStatus.ERROR
    set_mapping(by=None, kind="procedure", external_code="XYZ-999", internal_code="PCN")
    assert replay(row).status == InboxStatus.APPLIED
    assert Request.objects.get().catalogue_entry.code == "PCN"


def test_an_unmapped_code_with_a_fallback_lands_in_vetting_flagged(ehr, deliver):
    update_peer(ehr, by=None, changes={"fallback_procedure": "ANGIO-DX"})
    forget_peers()
    assert msa(deliver("orm_o01_unmapped.hl7"))[1] == "AA"
    request = Request.objects.get()
    assert request.status == RequestStatus.REQUESTED
    assert (request.unmapped_code, request.unmapped_text) == ("XYZ-999", "Something unusual")


def test_xo_changes_and_ca_cancels_the_order(ehr, deliver):
    deliver("orm_o01_new.hl7")
    assert msa(deliver("orm_o01_change.hl7"))[1] == "AA"
    request = Request.objects.get()
    assert request.priority == Priority.EMERGENT
    assert request.indication == "Obstructed left kidney, now septic"
    assert msa(deliver("orm_o01_cancel.hl7"))[1] == "AA"
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED
    assert request.transitions.last().reason == "Patient transferred"  # type: ignore[union-attr]


def test_a_second_nw_with_the_same_placer_number_is_ae_205(ehr, deliver):
    deliver("orm_o01_new.hl7")
    ack = receive(sample("orm_o01_new.hl7").replace(b"ORM-0001", b"ORM-0009"))
    assert (msa(ack)[1], err(ack)[3][:3]) == ("AE", "205")


def test_siu_books_moves_and_releases_a_vetted_request(ehr, deliver, persona, room):
    deliver("orm_o01_new.hl7")
    request = Request.objects.get()
    services.vet(request, by=persona("attending"), accept=True, note="ok")
    assert msa(deliver("siu_s12_book.hl7"))[1] == "AA"
    request.refresh_from_db()
    assert (request.status, request.room, request.scheduled_start.hour) == (
        RequestStatus.SCHEDULED, room, 9)  # fmt: skip
    assert msa(deliver("siu_s13_move.hl7"))[1] == "AA"
    request.refresh_from_db()
    assert (request.scheduled_start.day, request.scheduled_start.hour) == (11, 14)
    assert msa(deliver("siu_s15_cancel.hl7"))[1] == "AA"
    request.refresh_from_db()
    assert request.status == RequestStatus.VETTED


def test_siu_for_an_unvetted_request_is_ae_and_kept(ehr, deliver):
    deliver("orm_o01_new.hl7")
    ack = deliver("siu_s12_book.hl7")
    assert msa(ack)[1] == "AE"
    assert "vet" in InboxMessage.objects.get(control_id="SIU-0001").reason
