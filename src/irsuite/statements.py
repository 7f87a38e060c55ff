"""Statements a hot path runs again and again: prepared on PostgreSQL, and inserts held back to
travel with the next statement.

On PostgreSQL most of a one-row statement's cost is the round trip and the server parsing and
planning it; the row work itself is small. `statement_cursor` binds parameters on the server so
psycopg prepares each statement once per connection. `holding()` lets an insert whose result
nobody reads wait and go to the server inside the next statement, as a data-modifying WITH
clause: the HL7 listener's audit row and inbox row then cost one round trip, not two. Both
change nothing on SQLite, whose statements never leave the process.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper


def statement_cursor(db: BaseDatabaseWrapper) -> Any:
    """A cursor for a statement built once and run many times.

    On PostgreSQL it binds its parameters on the server and, unless prepared statements are
    switched off (`IRSUITE_DB_PREPARED_STATEMENTS=false`, for a pooler that cannot carry
    them), prepares each statement the first time this connection runs it. The cursor is
    Django's wrapper, as `db.cursor()` gives (error translation; while queries are logged, as
    under DEBUG or in a test counting them, statements run unprepared so the log holds their
    text). Other databases get `db.cursor()`.
    """
    if db.vendor != "postgresql":
        return db.cursor()
    db.ensure_connection()
    with db.wrap_database_errors:
        if db.queries_logged:  # the query log reads the text psycopg keeps of unprepared runs
            import psycopg

            raw: Any = psycopg.Cursor(db.connection)
            return db.make_debug_cursor(raw)
        return db.make_cursor(_prepared_cursor_class()(db.connection))


@functools.cache
def _prepared_cursor_class() -> type:
    import psycopg

    class PreparedCursor(psycopg.Cursor[Any]):
        """Binds on the server; prepares each statement on first use (psycopg names it and
        keeps it per connection) when the connection allows prepared statements."""

        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            return super().execute(query, params, prepare=True)

    return PreparedCursor


class _Held(threading.local):
    rows: list[tuple[str, list[Any]]] | None = None
    # The savepoints open when the block began: inserts are held and sent only at that level.
    base = 0


_held = _Held()


def _in_savepoint(db: BaseDatabaseWrapper) -> bool:
    """Whether a savepoint was opened inside the holding block: a row held there could
    outlive its rollback, and one held before could be sent inside it and rolled back with
    it, so neither happens at that depth."""
    return any(sid is not None for sid in db.savepoint_ids[_held.base :])


@contextlib.contextmanager
def holding(db: BaseDatabaseWrapper) -> Iterator[None]:
    """Within: `hold` keeps inserts back until the next statement run by `executed` (or the
    end of the block), which sends them ahead of its own in one statement.

    Only on PostgreSQL (elsewhere `hold` declines and the insert runs at once), and only at
    the block's own savepoint depth (inside a nested savepoint inserts run at once and held
    ones wait). Use it inside a transaction whose held inserts nothing reads back before the
    block ends; an exception drops them with the transaction they belong to.
    """
    if db.vendor != "postgresql" or _held.rows is not None:
        yield
        return
    _held.rows, _held.base = [], len(db.savepoint_ids)
    try:
        yield
        if _held.rows:
            with executed(db, "SELECT 1", []):
                pass
    finally:
        _held.rows = None


def hold(db: BaseDatabaseWrapper, sql: str, params: Sequence[Any]) -> bool:
    """Keep an INSERT (without RETURNING) for the next statement; False when not holding."""
    if _held.rows is None or _in_savepoint(db):
        return False
    _held.rows.append((sql, list(params)))
    return True


def _with_held(db: BaseDatabaseWrapper, sql: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
    rows = _held.rows
    if not rows or _in_savepoint(db):
        return sql, list(params)
    _held.rows = []
    clauses = ", ".join(f"held{n} AS ({held})" for n, (held, _) in enumerate(rows))
    return f"WITH {clauses} {sql}", [p for _, held in rows for p in held] + list(params)


@contextlib.contextmanager
def executed(db: BaseDatabaseWrapper, sql: str, params: Sequence[Any]) -> Iterator[Any]:
    """The cursor after running `sql` (with any held inserts ahead of it)."""
    with statement_cursor(db) as cursor:
        cursor.execute(*_with_held(db, sql, params))
        yield cursor
