"""The audit log is append-only: the ORM refuses changes and deletions, and so does the database
(SQLite refuses changes; PostgreSQL refuses changes and deletions)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from irsuite.audit.models import AppendOnlyError, AuditAction, AuditEvent
from irsuite.audit.services import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> AuditEvent:
    return record(None, AuditAction.EXPORT, object_type="report", object_id="1", summary="x")


def raw(sql: str, *params: object) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_saving_an_entry_again_is_refused(event):
    event.summary = "tampered"
    with pytest.raises(AppendOnlyError, match="cannot be changed"):
        event.save()


def test_deleting_an_entry_is_refused(event):
    with pytest.raises(AppendOnlyError, match="cannot be deleted"):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_bulk_updates_and_deletions_are_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_to_change_an_entry(event):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("UPDATE audit_auditevent SET summary = 'tampered' WHERE id = %s", event.pk)
    assert AuditEvent.objects.get(pk=event.pk).summary == "x"


def test_the_database_refuses_to_delete_an_entry(event):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("DELETE FROM audit_auditevent WHERE id = %s", event.pk)
    assert AuditEvent.objects.filter(pk=event.pk).exists()
