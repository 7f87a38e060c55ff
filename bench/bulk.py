"""Bulk loading of benchmark databases: raw multi-row inserts on SQLite, COPY on PostgreSQL.

Runs inside a child process set up by `bench.common.in_django`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


class Inserter:
    """Rows of one model given as tuples of `columns`; every other column gets its default."""

    def __init__(self, model: Any, columns: list[str]) -> None:
        from django.db import connection

        self.connection = connection
        fields = {f.attname: f for f in model._meta.concrete_fields}
        self.prepare = [
            fields[c] if fields[c].get_internal_type() in {"DateField", "DateTimeField"} else None
            for c in columns
        ]
        now = dt.datetime.now(dt.UTC)
        fixed: list[tuple[str, Any]] = []
        for name, field in fields.items():
            if name in columns or field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = field.get_db_prep_save(now, connection)
            elif field.null and not field.has_default():
                value = None
            else:
                value = field.get_db_prep_save(field.get_default(), connection)
            fixed.append((name, value))
        quote = connection.ops.quote_name
        names = ", ".join(
            quote(n)
            for n in [fields[c].column for c in columns] + [fields[n].column for n, _ in fixed]
        )
        table = quote(model._meta.db_table)
        marks = ", ".join(["%s"] * (len(columns) + len(fixed)))
        self.sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
        self.copy_sql = f"COPY {table} ({names}) FROM STDIN"
        self.tail = tuple(v for _, v in fixed)
        self.plain = all(f is None for f in self.prepare)

    def insert(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert `rows` in the current transaction."""
        if self.plain:
            prepared = [(*row, *self.tail) for row in rows]
        else:
            prepared = [
                (
                    *(
                        v if f is None else f.get_db_prep_save(v, self.connection)
                        for v, f in zip(row, self.prepare, strict=True)
                    ),
                    *self.tail,
                )
                for row in rows
            ]
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in prepared:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, prepared)


def next_pk(model: Any) -> int:
    """The first free primary key of `model`."""
    return int(model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


def reset_sequences(models: list[Any]) -> None:
    """Let the database hand out keys after the ones inserted by hand (PostgreSQL)."""
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load, as a maintained database has them
    (otherwise PostgreSQL's autovacuum analyses the new tables in the middle of the timing)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
