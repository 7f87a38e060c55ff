"""One INSERT, UPDATE or locked read per row with its statement built once per model and vendor.

For the write paths that run once per message or per audited action (the audit log, the HL7
inbox, a patient updated by ADT^A08): the ORM compiles the same statement again on every call,
which is most of such a write's cost. An inserted row is prepared exactly as `save` would
prepare it (each field's `pre_save` for `auto_now_add` and defaults, then `get_db_prep_save`),
and its new primary key is set on the object, so it behaves as a saved row afterwards (except
an insert held back by `Inserter.later`, whose key is never read). No save signals are sent:
use these only for models that have no receivers. Each statement runs through
`irsuite.statements`: prepared on PostgreSQL, with any held inserts ahead of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar, cast

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field

from irsuite.statements import executed, hold

M = TypeVar("M", bound=models.Model)


def _db() -> BaseDatabaseWrapper:
    """This thread's connection itself: `django.db.connection` is a proxy that looks the
    connection up again on every attribute, which each field's value preparation touches."""
    return connections[DEFAULT_DB_ALIAS]


def _select(
    db: BaseDatabaseWrapper, fields: Sequence[Field[Any, Any]], table: str, where: str
) -> str:
    """SELECT those columns of the table WHERE the condition (columns named bare)."""
    quote = db.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    return f"SELECT {columns} FROM {quote(table)} WHERE {where}"  # noqa: S608


Converter = tuple[int, Any, list[Callable[..., Any]]]


class _Converters:
    """(position, column, converters) of the fields whose values need converting when read,
    per database vendor: the backend's and the field's own, as the ORM applies them."""

    def __init__(self, model: type[models.Model], fields: Sequence[Field[Any, Any]]) -> None:
        self.table, self.fields = model._meta.db_table, fields
        self._found: dict[str, list[Converter]] = {}

    def convert(self, row: Sequence[Any], db: BaseDatabaseWrapper) -> list[Any]:
        """A fetched row's values as the ORM gives them."""
        values = list(row)
        for i, col, converters in self.of(db):
            for convert in converters:
                values[i] = convert(values[i], col, db)
        return values

    def of(self, db: BaseDatabaseWrapper) -> list[Converter]:
        if db.vendor not in self._found:
            found = []
            for i, field in enumerate(self.fields):
                col = field.get_col(self.table)
                converters = [*db.ops.get_db_converters(col), *col.get_db_converters(db)]
                if converters:
                    found.append((i, col, converters))
            self._found[db.vendor] = found
        return self._found[db.vendor]


class Inserter(Generic[M]):
    """`Inserter(Model)(obj)` inserts `obj` in one statement and sets its primary key."""

    def __init__(self, model: type[M]) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self._sql: dict[tuple[str, tuple[str, ...] | None], str] = {}

    def _statement(self, db: BaseDatabaseWrapper, returning: tuple[str, ...] | None) -> str:
        """The INSERT; `returning` None: no RETURNING clause at all."""
        key = (db.vendor, returning)
        if key not in self._sql:
            meta, quote = self.model._meta, db.ops.quote_name
            sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
                quote(meta.db_table),
                ", ".join(quote(f.column) for f in self.fields),
                ", ".join(["%s"] * len(self.fields)),
            )
            if returning is not None:
                sql += f" RETURNING {', '.join([quote(meta.pk.column), *returning])}"
            self._sql[key] = sql
        return self._sql[key]

    def _values(self, obj: M, db: BaseDatabaseWrapper) -> list[Any]:
        return [f.get_db_prep_save(f.pre_save(obj, True), db) for f in self.fields]

    def __call__(self, obj: M, returning: tuple[str, ...] = ()) -> tuple[Any, ...]:
        """Insert `obj`, set its key; the values of the `returning` SQL expressions, read by
        the same statement."""
        db = _db()
        with executed(db, self._statement(db, returning), self._values(obj, db)) as cursor:
            key, *extra = cursor.fetchone()
        obj.pk = key
        obj._state.adding, obj._state.db = False, db.alias
        return tuple(extra)

    def later(self, obj: M) -> None:
        """Insert `obj` with the next statement when a `statements.holding` block is open
        (its key is then never read: the object stays unsaved), else now."""
        db = _db()
        if not hold(db, self._statement(db, None), self._values(obj, db)):
            self(obj)


class Updater(Generic[M]):
    """`Updater(Model)(obj, fields)` writes those fields of `obj` in one UPDATE by primary key.

    What `obj.save(update_fields=fields)` does for a model without save signals, with the
    statement built once per set of fields and database vendor: each value is prepared as
    save prepares it (`pre_save`, then `get_db_prep_save`), and a row that is gone raises as
    save does. `returning` SQL expressions (their `%s` filled by `returning_params`) are read
    by the same statement (RETURNING), after the change and with a snapshot taken for it, and
    given back.
    """

    def __init__(self, model: type[M]) -> None:
        self.model = model
        self._sql: dict[
            tuple[str, tuple[str, ...], tuple[str, ...]], tuple[str, list[Field[Any, Any]]]
        ] = {}

    def _statement(
        self, db: BaseDatabaseWrapper, names: tuple[str, ...], returning: tuple[str, ...]
    ) -> tuple[str, list[Field[Any, Any]]]:
        key = (db.vendor, names, returning)
        if key not in self._sql:
            meta, quote = self.model._meta, db.ops.quote_name
            fields: list[Field[Any, Any]] = []
            for name in names:
                field = meta.get_field(name)
                if not isinstance(field, Field) or not field.concrete or field.primary_key:
                    raise ValueError(f"{name} is not a column an update can write.")
                fields.append(field)
            sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608
                quote(meta.db_table),
                ", ".join(f"{quote(f.column)} = %s" for f in fields),
                quote(meta.pk.column),
            )
            if returning:
                sql += f" RETURNING {', '.join(returning)}"
            self._sql[key] = (sql, fields)
        return self._sql[key]

    def __call__(
        self,
        obj: M,
        fields: Iterable[str],
        returning: tuple[str, ...] = (),
        returning_params: Sequence[Any] = (),
    ) -> tuple[Any, ...]:
        db = _db()
        sql, columns = self._statement(db, tuple(fields), returning)
        values = [f.get_db_prep_save(f.pre_save(obj, False), db) for f in columns]
        values.append(self.model._meta.pk.get_db_prep_value(obj.pk, db))
        with executed(db, sql, [*values, *returning_params]) as cursor:
            row = cursor.fetchone() if returning else ()
            if (returning and row is None) or (not returning and cursor.rowcount != 1):
                raise DatabaseError("Save with update_fields did not affect any rows.")
        return tuple(row or ())


class LockedReader(Generic[M]):
    """`LockedReader(Model)(where, params)`: the row matching an SQL condition on the model's
    table, read and locked until the transaction ends (PostgreSQL: FOR UPDATE; SQLite holds
    the database's write lock from BEGIN IMMEDIATE on, so the read alone suffices).

    The statement is built once per condition and vendor, and the row becomes a model
    instance as the ORM's own read makes it (each column through the backend's and the
    field's converters). The condition names the table's columns bare; it must match one row
    at most.
    """

    def __init__(self, model: type[M]) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self._sql: dict[tuple[str, str], str] = {}
        self._converters = _Converters(model, self.fields)

    def _statement(self, db: BaseDatabaseWrapper, where: str) -> str:
        key = (db.vendor, where)
        if key not in self._sql:
            sql = _select(db, self.fields, self.model._meta.db_table, where)
            if db.features.has_select_for_update:
                sql += " FOR UPDATE"
            self._sql[key] = sql
        return self._sql[key]

    def __call__(self, where: str, params: Sequence[Any]) -> M | None:
        db = _db()
        with executed(db, self._statement(db, where), params) as cursor:
            row = cursor.fetchone()
        if row is None:
            return None
        return self.model.from_db(db.alias, self.attnames, self._converters.convert(row, db))


class Rows(Generic[M]):
    """`Rows(Model, columns)(conditions, params, order)`: the rows matching SQL conditions on
    the model's table as dicts of those columns, converted as the ORM's `.values()` converts
    them, with the statement built once per set of conditions and vendor (and prepared on
    PostgreSQL). For a query asked many times a second with a few shapes, such as a modality's
    worklist query."""

    def __init__(self, model: type[M], columns: Sequence[str]) -> None:
        self.model = model
        self.fields = [cast(Field[Any, Any], model._meta.get_field(c)) for c in columns]
        self.names = [f.attname for f in self.fields]
        self._sql: dict[tuple[str, tuple[str, ...], str], str] = {}
        self._converters = _Converters(model, self.fields)

    def _statement(self, db: BaseDatabaseWrapper, conditions: tuple[str, ...], order: str) -> str:
        key = (db.vendor, conditions, order)
        if key not in self._sql:
            where = " AND ".join(conditions) or "1 = 1"
            sql = _select(db, self.fields, self.model._meta.db_table, where)
            self._sql[key] = f"{sql} ORDER BY {order}" if order else sql
        return self._sql[key]

    def __call__(
        self, conditions: Sequence[str], params: Sequence[Any], order: str = ""
    ) -> list[dict[str, Any]]:
        db = _db()
        with executed(db, self._statement(db, tuple(conditions), order), params) as cursor:
            fetched = cursor.fetchall()
        convert = self._converters.convert
        return [dict(zip(self.names, convert(row, db), strict=True)) for row in fetched]
