"""A message costs as few trips to the database as its work allows, and loses nothing for it:
a repeated control id is caught by the inbox's unique index (the repeat's work rolled back),
the configuration generation is read by the statement that stores the message (a change made
meanwhile by another process is seen before the commit), on PostgreSQL the audit row travels
in the inbox row's statement and the statements are prepared once per connection."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from hl7_samples import (  # noqa: F401
    deliver_fixture,
    ehr_fixture,
    fresh_peer_cache_fixture,
    msa,
    sample,
)

from irsuite.audit.models import AuditEvent
from irsuite.interop.hl7 import client
from irsuite.interop.hl7.inbound import services
from irsuite.interop.hl7.inbound.services import receive
from irsuite.interop.hl7.listener import Running
from irsuite.interop.hl7.models import ConfigGeneration, InboxMessage, Peer
from irsuite.patients.models import Patient

pytestmark = pytest.mark.django_db


def _a08(control_id: str, family: str) -> bytes:
    return (
        sample("adt_a08_update.hl7")
        .replace(b"A08-0001", control_id.encode())
        .replace(b"Example-Smith", family.encode())
    )


def test_a_repeated_control_id_gets_the_first_ack_and_its_own_changes_are_rolled_back(ehr, deliver):
    deliver("adt_a04_register.hl7")
    first = receive(_a08("A08-0042", "Example-Smith"))
    again = receive(_a08("A08-0042", "Example-Jones"))  # same control id, other content
    assert again == first and msa(again)[1] == "AA"
    assert Patient.objects.get(given_name="Ada").family_name == "Example-Smith"
    assert InboxMessage.objects.filter(control_id="A08-0042").count() == 1
    assert AuditEvent.objects.filter(summary="demographics updated").count() == 1


def test_a_configuration_change_made_by_another_process_is_seen_before_the_commit(ehr, deliver):
    deliver("adt_a04_register.hl7")  # the listener now holds the peer as active
    # Another process deactivates the peer: its row and the generation change, this
    # process's cache is not told.
    Peer.objects.filter(pk=ehr.pk).update(active=False)
    ConfigGeneration.objects.filter(pk=1).update(generation=F("generation") + 1)
    ack = receive(_a08("A08-0043", "Example-Jones"))
    assert msa(ack)[1] == "AR"
    assert Patient.objects.get(given_name="Ada").family_name == "Example"


def test_on_postgresql_the_audit_row_goes_with_the_inbox_row_in_one_statement(ehr, deliver):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs each statement in the process; nothing is held back there")
    deliver("adt_a04_register.hl7")
    with CaptureQueriesContext(connection) as ran:
        assert msa(receive(_a08("A08-0044", "Example-Jones")))[1] == "AA"
    audit = [q["sql"] for q in ran.captured_queries if "audit_auditevent" in q["sql"]]
    assert len(audit) == 1 and "interop_inboxmessage" in audit[0]
    assert not [q for q in ran.captured_queries if q["sql"].startswith("SELECT (SELECT")]
    assert AuditEvent.objects.filter(summary="demographics updated").count() == 1


def _prepared() -> list[str]:
    """This session's prepared statements (as the listener's connection holds its own)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return sorted(row[0] for row in cursor.fetchall())


def test_on_postgresql_an_a08s_statements_are_prepared_once_per_connection(ehr, deliver):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    deliver("adt_a04_register.hl7")
    assert msa(receive(_a08("A08-0100", "Example-0")))[1] == "AA"
    after_one = _prepared()
    for n in range(1, 4):
        assert msa(receive(_a08(f"A08-010{n}", f"Example-{n}")))[1] == "AA"
    assert _prepared() == after_one
    assert any("audit_auditevent" in s and "interop_inboxmessage" in s for s in after_one)
    assert any(s.startswith('UPDATE "patients_patient"') for s in after_one)


@pytest.mark.django_db(transaction=True)
def test_a_repeat_that_irsuite_now_fails_on_still_gets_its_stored_ack(ehr, monkeypatch):
    running = Running("127.0.0.1", 0)
    try:
        names = ["adt_a04_register.hl7", "adt_a08_update.hl7"]
        first = client.send("127.0.0.1", running.port, [sample(n) for n in names])

        def broken(ctx):  # type: ignore[no-untyped-def]
            raise RuntimeError("a fault irsuite did not foresee")

        monkeypatch.setitem(services.HANDLERS, "ADT^A08", broken)
        [again] = client.send("127.0.0.1", running.port, [sample("adt_a08_update.hl7")])
    finally:
        running.stop()
    assert again == first[1] and msa(again)[1] == "AA"
    assert InboxMessage.objects.filter(message_type="ADT^A08").count() == 1
