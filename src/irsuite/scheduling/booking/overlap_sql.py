"""The SQL that makes overlapping bookings impossible in the database itself.

PostgreSQL: exclusion constraints over ``tstzrange(start, end)`` (half-open, so back-to-back
bookings are allowed) with ``btree_gist`` for the equality on room, patient and operator.
SQLite: triggers that abort an insert or update overlapping another booking; SQLite has one
writer at a time and irsuite opens every transaction with ``BEGIN IMMEDIATE``, so two bookings
cannot both pass the check.

Migration 0002 applies this SQL; change it only through a new migration.
"""

from __future__ import annotations

TABLE = "scheduling_booking"
KEYS = ("room", "patient", "operator")

POSTGRES_CREATE = ["CREATE EXTENSION IF NOT EXISTS btree_gist"] + [
    f"ALTER TABLE {TABLE} ADD CONSTRAINT booking_{key}_no_overlap EXCLUDE USING gist "
    f'({key}_id WITH =, tstzrange("start", "end") WITH &&)'
    + (f" WHERE ({key}_id IS NOT NULL)" if key == "operator" else "")
    for key in KEYS
]
POSTGRES_DROP = [
    f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS booking_{key}_no_overlap" for key in KEYS
]


def _checks(exclude_self: bool) -> str:
    not_self = " AND b.id <> NEW.id" if exclude_self else ""
    lines = []
    for key in KEYS:  # KEYS and TABLE are constants: no user input reaches this SQL
        lines.append(
            f"SELECT RAISE(ABORT, 'booking_{key}_no_overlap: the {key} is already booked') "  # noqa: S608
            f"WHERE NEW.{key}_id IS NOT NULL AND EXISTS (SELECT 1 FROM {TABLE} b "
            f'WHERE b.{key}_id = NEW.{key}_id AND b."start" < NEW."end" '
            f'AND NEW."start" < b."end"{not_self});'
        )
    return "\n  ".join(lines)


SQLITE_CREATE = [
    f"CREATE TRIGGER booking_no_overlap_insert BEFORE INSERT ON {TABLE}\n"
    f"BEGIN\n  {_checks(exclude_self=False)}\nEND",
    f"CREATE TRIGGER booking_no_overlap_update BEFORE UPDATE OF room_id, patient_id, "
    f'operator_id, "start", "end" ON {TABLE}\n'
    f"BEGIN\n  {_checks(exclude_self=True)}\nEND",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS booking_no_overlap_insert",
    "DROP TRIGGER IF EXISTS booking_no_overlap_update",
]


def statements(vendor: str, create: bool) -> list[str]:
    """The statements for a database vendor ('postgresql' or 'sqlite'); none for others."""
    table = {
        ("postgresql", True): POSTGRES_CREATE,
        ("postgresql", False): POSTGRES_DROP,
        ("sqlite", True): SQLITE_CREATE,
        ("sqlite", False): SQLITE_DROP,
    }
    return table.get((vendor, create), [])


def overlap_kind(message: str) -> str | None:
    """Which of room, patient or operator a database error about overlap names."""
    for key in KEYS:
        if f"booking_{key}_no_overlap" in message:
            return key
    return None
