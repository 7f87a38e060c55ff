"""The worklist's statement is built for being prepared: on PostgreSQL its generic plan (the
one a prepared statement settles on) reads a room's day through the partial index on items
still on the worklist, whatever values it is given."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from irsuite.interop.dicom.worklist import scp
from irsuite.interop.dicom.worklist.attributes import START_DATE

pytestmark = pytest.mark.django_db


def _generic_plan(sql: str, params: list[object]) -> str:
    numbered = iter(range(1, len(params) + 1))
    prepared = re.sub(r"%s", lambda _: f"${next(numbered)}", sql)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute("SET LOCAL enable_seqscan = off")  # an empty table would be scanned
        cursor.execute(f"PREPARE room_day AS {prepared}")
        try:
            cursor.execute(f"EXPLAIN EXECUTE room_day({', '.join(['%s'] * len(params))})", params)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("DEALLOCATE room_day")


def test_on_postgresql_a_rooms_day_is_read_through_its_index_when_prepared():
    if connection.vendor != "postgresql":
        pytest.skip("generic plans are PostgreSQL's")
    keys = {"ScheduledStationAETitle": "SBH_ANGIO1", START_DATE: "20261207"}
    where, params = scp.narrowed(keys, None)
    sql = scp._steps._statement(connection, tuple(where), "start_date, start_time, id")
    assert "sps_station_day_idx" in _generic_plan(sql, params)
