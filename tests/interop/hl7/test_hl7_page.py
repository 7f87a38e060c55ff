"""The interfaces page: for the integration engineer (administrators), search, replay, resend,
mapping tables."""

from __future__ import annotations

import pytest
from hl7_samples import deliver_fixture, ehr_fixture, fresh_peer_cache_fixture, sample  # noqa: F401

from irsuite.audit.models import AuditEvent
from irsuite.interop.hl7.codes import InboxStatus
from irsuite.interop.hl7.inbound.services import receive
from irsuite.interop.hl7.models import CodeMapping, InboxMessage

pytestmark = pytest.mark.django_db


def test_an_administrator_sees_the_inbox_and_finds_a_message_by_control_id(ehr, client_as):
    receive(sample("adt_a04_register.hl7"))
    receive(sample("adt_a08_unknown_patient.hl7"))
    page = client_as("admin").get("/interop/hl7/?q=A08-0002")
    assert page.status_code == 200
    assert b"A08-0002" in page.content and b"A04-0001" not in page.content


def test_a_nurse_may_not_open_the_interfaces_page(ehr, client_as):
    assert client_as("nurse").get("/interop/hl7/").status_code == 403


def test_a_message_is_shown_raw_and_parsed_with_field_names(ehr, client_as):
    receive(sample("orm_o01_new.hl7"))
    row = InboxMessage.objects.get()
    page = client_as("admin").get(f"/interop/hl7/inbox/{row.pk}/")
    assert b"Placer order number" in page.content and b"PLC1001" in page.content


def test_a_mapping_added_on_the_page_is_audited_and_replay_applies_the_message(ehr, client_as):
    receive(sample("orm_o01_unmapped.hl7"))
    row = InboxMessage.objects.get()
    admin = client_as("admin")
    admin.post(
        "/interop/hl7/mappings/",
        {"kind": "procedure", "external_code": "XYZ-999", "internal_code": "PCN", "peer": ""},
    )
    assert CodeMapping.objects.filter(external_code="XYZ-999").exists()
    assert AuditEvent.objects.filter(summary="mapping added").exists()
    admin.post(f"/interop/hl7/inbox/{row.pk}/replay/")
    row.refresh_from_db()
    assert row.status == InboxStatus.APPLIED and row.replays == 1
