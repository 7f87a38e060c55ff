"""One INSERT per row with its statement built once per model and database vendor.

For the write paths that run once per message or per audited action (the audit log, the HL7
inbox): `Model.objects.create` compiles the same statement again on every call, which is most of
such a write's cost. The row is prepared exactly as `save` would prepare it (each field's
`pre_save` for `auto_now_add` and defaults, then `get_db_prep_save`), and its new primary key is
set on the object, so it behaves as a saved row afterwards. No save signals are sent: use this
only for models that have no receivers.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


class Inserter(Generic[M]):
    """`Inserter(Model)(obj)` inserts `obj` in one statement and sets its primary key."""

    def __init__(self, model: type[M]) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self._sql: dict[str, str] = {}

    def _statement(self) -> str:
        vendor = connection.vendor
        if vendor not in self._sql:
            meta, quote = self.model._meta, connection.ops.quote_name
            sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
                quote(meta.db_table),
                ", ".join(quote(f.column) for f in self.fields),
                ", ".join(["%s"] * len(self.fields)),
            )
            if connection.features.can_return_columns_from_insert:
                sql += f" RETURNING {quote(meta.pk.column)}"
            self._sql[vendor] = sql
        return self._sql[vendor]

    def __call__(self, obj: M) -> M:
        values = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in self.fields]
        with connection.cursor() as cursor:
            cursor.execute(self._statement(), values)
            if connection.features.can_return_columns_from_insert:
                obj.pk = cursor.fetchone()[0]
            else:  # pragma: no cover - every supported database returns columns
                obj.pk = connection.ops.last_insert_id(
                    cursor, self.model._meta.db_table, self.model._meta.pk.column
                )
        obj._state.adding, obj._state.db = False, connection.alias
        return obj
