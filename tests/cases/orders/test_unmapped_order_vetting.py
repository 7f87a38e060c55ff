"""An order whose procedure code was not mapped waits in vetting flagged "code not mapped";
the vetting attending names the catalogue entry it means (and may map the code for the
sending system's next orders), on the request page or through the API."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from irsuite.audit.models import AuditEvent
from irsuite.cases.models import Request, RequestStatus
from irsuite.cases.orders.services import vet_order
from irsuite.cases.requests import services
from irsuite.errors import ValidationFailed
from irsuite.interop.hl7.codes import MappingKind
from irsuite.interop.hl7.inbound.services import receive
from irsuite.interop.hl7.models import CodeMapping, Peer
from irsuite.interop.hl7.peers.services import add_peer, forget_peers

pytestmark = pytest.mark.django_db

ORDER = (
    Path(__file__).resolve().parents[2] / "fixtures" / "hl7" / "orm_o01_unmapped.hl7"
).read_bytes()


@pytest.fixture
def ehr(site, catalogue, room) -> Peer:  # type: ignore[no-untyped-def]
    """The hospital's EHR; orders with a code it has no rule for are filed as ANGIO-DX."""
    forget_peers()
    peer = add_peer(
        by=None,
        name="ehr",
        application="EHR",
        facility="SBH",
        site_code=site.code,
        fallback_procedure="ANGIO-DX",
    )
    forget_peers()
    yield peer
    forget_peers()


@pytest.fixture
def flagged(ehr: Peer) -> Request:
    """The order for "XYZ-999 Something unusual", filed under ANGIO-DX and flagged."""
    receive(ORDER)
    request = Request.objects.get()
    assert (request.unmapped_code, request.unmapped_text) == ("XYZ-999", "Something unusual")
    return request


def test_accepting_a_flagged_order_needs_the_catalogue_entry(flagged, persona):
    with pytest.raises(ValidationFailed, match="not mapped: choose the catalogue entry"):
        vet_order(flagged, by=persona("attending"), accept=True, note="")
    flagged.refresh_from_db()
    assert flagged.status == RequestStatus.REQUESTED


def test_accepting_with_the_entry_files_the_order_under_it_and_clears_the_flag(flagged, persona):
    entry = services.catalogue_entry("PCN")
    done = vet_order(flagged, by=persona("attending"), accept=True, note="Left PCN", entry=entry)
    done.refresh_from_db()
    assert (done.status, done.catalogue_entry.code, done.unmapped_code, done.unmapped_text) == (
        RequestStatus.VETTED, "PCN", "", "")  # fmt: skip
    history = [t.reason for t in done.transitions.all()]
    assert any("'XYZ-999' (Something unusual) was not mapped: filed as PCN" in r for r in history)
    amended = AuditEvent.objects.filter(summary="request amended", object_id=str(done.pk)).get()
    assert amended.before["unmapped_code"] == "XYZ-999"
    assert amended.before["unmapped_text"] == "Something unusual"
    assert not CodeMapping.objects.filter(external_code="XYZ-999").exists()


def test_mapping_the_code_adds_a_rule_for_the_sender_and_the_next_order_is_mapped(
    flagged, ehr, persona
):
    entry = services.catalogue_entry("PCN")
    attending = persona("attending")
    vet_order(flagged, by=attending, accept=True, note="", entry=entry, map_code=True)
    rule = CodeMapping.objects.get(kind=MappingKind.PROCEDURE, external_code="XYZ-999")
    assert (rule.peer, rule.internal_code, rule.description) == (ehr, "PCN", "Something unusual")
    assert rule.updated_by == attending
    added = AuditEvent.objects.get(summary="mapping added", object_id=str(rule.pk))
    assert added.actor == attending
    receive(ORDER.replace(b"ORM-0002", b"ORM-0003").replace(b"PLC1002", b"PLC1003"))
    second = Request.objects.get(placer_order_number="PLC1003")
    assert (second.catalogue_entry.code, second.unmapped_code) == ("PCN", "")


def test_a_code_with_a_space_in_it_is_mapped_whole(ehr, persona):
    """OBR-4.1 is kept on its own, so the rule maps the code as the sender wrote it."""
    receive(ORDER.replace(b"XYZ-999^", b"XYZ 999^"))
    flagged = Request.objects.get()
    assert (flagged.unmapped_code, flagged.unmapped_text) == ("XYZ 999", "Something unusual")
    entry = services.catalogue_entry("PCN")
    vet_order(flagged, by=persona("attending"), accept=True, note="", entry=entry, map_code=True)
    rule = CodeMapping.objects.get(kind=MappingKind.PROCEDURE, peer=ehr)
    assert (rule.external_code, rule.description) == ("XYZ 999", "Something unusual")
    receive(ORDER.replace(b"XYZ-999^", b"XYZ 999^").replace(b"ORM-0002", b"ORM-0003")
            .replace(b"PLC1002", b"PLC1003"))  # fmt: skip
    second = Request.objects.get(placer_order_number="PLC1003")
    assert (second.catalogue_entry.code, second.unmapped_code) == ("PCN", "")


def test_mapping_a_code_again_raises_the_rule_version(flagged, ehr, persona):
    entry = services.catalogue_entry("PCN")
    vet_order(flagged, by=persona("attending"), accept=True, note="", entry=entry, map_code=True)
    receive(ORDER.replace(b"ORM-0002", b"ORM-0003").replace(b"PLC1002", b"PLC1003"))
    # The rule now maps XYZ-999; a request flagged before the rule (made here) is relearnt.
    again = Request.objects.get(placer_order_number="PLC1003")
    Request.objects.filter(pk=again.pk).update(unmapped_code="XYZ-999")
    other = services.catalogue_entry("ANGIO-DX")
    vet_order(again, by=persona("attending"), accept=True, note="", entry=other, map_code=True)
    rule = CodeMapping.objects.get(external_code="XYZ-999")
    assert (rule.internal_code, rule.version) == ("ANGIO-DX", 2)


def test_rejecting_a_flagged_order_needs_no_entry_and_keeps_the_flag(flagged, persona):
    done = vet_order(flagged, by=persona("attending"), accept=False, note="Not an IR procedure")
    assert done.status == RequestStatus.REJECTED
    done.refresh_from_db()
    assert (done.unmapped_code, done.unmapped_text) == ("XYZ-999", "Something unusual")


def test_a_mapped_request_cannot_learn_a_code_or_change_its_entry_at_vetting(new_request, persona):
    with pytest.raises(ValidationFailed, match="code is mapped"):
        vet_order(new_request, by=persona("attending"), accept=True, note="", map_code=True)
    other = services.catalogue_entry("ANGIO-DX")
    with pytest.raises(ValidationFailed, match="code is mapped"):
        vet_order(new_request, by=persona("attending"), accept=True, note="", entry=other)


def test_a_request_made_here_cannot_map_a_code(new_request, persona):
    Request.objects.filter(pk=new_request.pk).update(unmapped_code="ABC")
    entry = services.catalogue_entry("PCN")
    with pytest.raises(ValidationFailed, match="no configured interface"):
        vet_order(new_request, by=persona("attending"), accept=True, note="", entry=entry,
                  map_code=True)  # fmt: skip
    new_request.refresh_from_db()
    assert new_request.unmapped_code == "ABC"


def test_the_vetting_screen_offers_the_entry_and_the_mapping_of_a_flagged_order(flagged, client_as):
    page = client_as("attending").get(f"/cases/requests/{flagged.pk}/").content.decode()
    assert "code not mapped" in page and "XYZ-999 (Something unusual)" in page
    assert 'name="catalogue_entry"' in page
    assert "for future orders from ehr" in page


def test_the_vetting_screen_of_a_mapped_request_has_no_entry_choice(new_request, client_as):
    page = client_as("attending").get(f"/cases/requests/{new_request.pk}/").content.decode()
    assert 'name="catalogue_entry"' not in page and 'name="map_code"' not in page


def test_vetting_on_the_screen_files_the_order_and_maps_the_code(flagged, client_as):
    entry = services.catalogue_entry("PCN")
    client_as("attending").post(
        f"/cases/requests/{flagged.pk}/vet/",
        {"decision": "accept", "note": "", "catalogue_entry": entry.pk, "map_code": "on"},
    )
    flagged.refresh_from_db()
    assert (flagged.status, flagged.catalogue_entry.code, flagged.unmapped_code) == (
        RequestStatus.VETTED, "PCN", "")  # fmt: skip
    assert CodeMapping.objects.get(external_code="XYZ-999").internal_code == "PCN"


def test_accepting_on_the_screen_without_an_entry_is_refused_with_a_message(flagged, client_as):
    response = client_as("attending").post(
        f"/cases/requests/{flagged.pk}/vet/", {"decision": "accept", "note": ""}, follow=True
    )
    assert "Choose the catalogue entry the ordered code means" in response.content.decode()
    flagged.refresh_from_db()
    assert flagged.status == RequestStatus.REQUESTED


def test_the_api_shows_the_flag_and_vets_with_a_catalogue_code(flagged, api_as):
    api = api_as("attending")
    shown = api.get(f"/api/v1/requests/{flagged.pk}").json()
    assert (shown["unmapped_code"], shown["unmapped_text"]) == ("XYZ-999", "Something unusual")
    refused = api.post(
        f"/api/v1/requests/{flagged.pk}/vet", {"accept": True}, content_type="application/json"
    )
    assert refused.status_code == 422 and "choose the catalogue entry" in refused.content.decode()
    done = api.post(
        f"/api/v1/requests/{flagged.pk}/vet",
        {"accept": True, "catalogue_code": "PCN", "map_code": True},
        content_type="application/json",
    )
    assert done.status_code == 200
    assert (done.json()["catalogue_code"], done.json()["unmapped_code"]) == ("PCN", "")
    assert CodeMapping.objects.get(external_code="XYZ-999").internal_code == "PCN"


def test_requests_flagged_before_the_code_was_kept_on_its_own_are_split_on_upgrade(new_request):
    """Before, the flag held "code text" in one field; the migration splits it at the first
    space, as the vetting screen used to read it."""
    from django.apps import apps

    upgrade = importlib.import_module("irsuite.cases.migrations.0007_request_unmapped_text")
    Request.objects.filter(pk=new_request.pk).update(unmapped_code="XYZ-999 Something unusual")
    upgrade.split_code_and_text(apps, None)
    new_request.refresh_from_db()
    assert (new_request.unmapped_code, new_request.unmapped_text) == (
        "XYZ-999", "Something unusual")  # fmt: skip
