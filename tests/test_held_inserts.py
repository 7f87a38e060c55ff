"""Inserts held back for the next statement (`irsuite.statements.holding`, PostgreSQL) are
kept or dropped exactly as if they had run at once, savepoints included: one made inside a
savepoint that is rolled back is gone, one made before it survives the rollback."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.audit.services import record
from irsuite.statements import holding

pytestmark = pytest.mark.django_db


def _note(summary: str) -> None:
    record(None, AuditAction.CHANGE, object_type="test.held", summary=summary, channel="cli")


def _kept() -> list[str]:
    return sorted(
        AuditEvent.objects.filter(object_type="test.held").values_list("summary", flat=True)
    )


class _Undone(Exception):
    pass


def test_a_held_insert_goes_with_the_next_statement_or_at_the_end_of_the_block():
    with transaction.atomic(), holding(connection):
        _note("first")
        _note("second")  # runs now, carrying the first on PostgreSQL
        _note("last")  # sent when the block ends
    assert _kept() == ["first", "last", "second"]


def test_an_insert_inside_a_rolled_back_savepoint_is_gone():
    with transaction.atomic(), holding(connection):
        try:
            with transaction.atomic():
                _note("inside")
                raise _Undone
        except _Undone:
            pass
        _note("outside")
    assert _kept() == ["outside"]


def test_an_insert_held_before_a_savepoint_survives_its_rollback():
    with transaction.atomic(), holding(connection):
        _note("before")
        try:
            with transaction.atomic():
                _note("inside")
                raise _Undone
        except _Undone:
            pass
    assert _kept() == ["before"]


def test_an_exception_drops_the_held_inserts_with_the_transaction():
    with pytest.raises(_Undone), transaction.atomic(), holding(connection):
        _note("lost")
        raise _Undone
    assert _kept() == []
