"""Two schedulers booking the same room at the same moment: exactly one booking survives."""

import datetime as dt
import sqlite3
import threading

import pytest
from django.db import OperationalError, connection, connections
from django.utils import timezone

from irsuite.cases.requests import services as cases
from irsuite.errors import Conflict
from irsuite.patients.services import register_patient
from irsuite.scheduling.booking.models import Booking
from irsuite.scheduling.booking.overlap_sql import SQLITE_CREATE
from irsuite.scheduling.booking.services import book


@pytest.fixture
def committed(transactional_db):
    """Committed test data (the threads use their own connections); flushed afterwards."""
    return None


def race(*jobs):
    """Run the jobs in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(n, job):
        try:
            barrier.wait()
            results[n] = job()
        except Exception as exc:  # the outcome under test
            results[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_two_schedulers_booking_one_room_at_once_leave_a_single_booking(
    committed, vetted_request, room, persona, site
):
    other_patient = register_patient(
        by=None,
        site=site,
        mrn="SBH0000009",
        given_name="Cy",
        family_name="Example",
        birth_date=dt.date(1980, 3, 4),
        sex="M",
        synthetic=True,
    )
    other = cases.vet(
        cases.create_request(
            by=persona("referrer"),
            patient=other_patient,
            site=site,
            entry=cases.catalogue_entry("PCN"),
            indication="Test",
            icd10_codes=[],
            priority="urgent",
        ),
        by=persona("attending"),
        accept=True,
        note="ok",
    )
    scheduler = persona("scheduler")
    start = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    start += dt.timedelta(days=2)
    results = race(
        lambda: book(vetted_request, room=room, start=start, by=scheduler),
        lambda: book(other, room=room, start=start + dt.timedelta(minutes=5), by=scheduler),
    )
    booked = [r for r in results if isinstance(r, Booking)]
    refused = [r for r in results if not isinstance(r, Booking)]
    assert len(booked) == 1, results
    # PostgreSQL and a file SQLite wait for the lock and then refuse with a Conflict; the
    # in-memory SQLite test database reports its shared-cache lock instead.
    assert len(refused) == 1 and isinstance(refused[0], Conflict | OperationalError), results
    assert Booking.objects.count() == 1


SCHEMA = """
CREATE TABLE scheduling_booking (
    id INTEGER PRIMARY KEY, room_id INTEGER NOT NULL, patient_id INTEGER NOT NULL,
    operator_id INTEGER, "start" TEXT NOT NULL, "end" TEXT NOT NULL
)
"""


def test_sqlite_triggers_and_begin_immediate_serialise_two_writers(tmp_path):
    path = tmp_path / "race.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute(SCHEMA)
        for sql in SQLITE_CREATE:
            setup.execute(sql)

    def writer(n):
        def job():
            db = sqlite3.connect(path, timeout=10, isolation_level=None)
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute(
                    'INSERT INTO scheduling_booking (room_id, patient_id, "start", "end") '
                    "VALUES (1, ?, '2026-03-02 09:00:00', '2026-03-02 10:00:00')",
                    (n,),
                )
                db.execute("COMMIT")
                return "booked"
            except sqlite3.IntegrityError as exc:
                db.execute("ROLLBACK")
                return str(exc)
            finally:
                db.close()

        return job

    results = race(*(writer(n) for n in range(4)))
    assert results.count("booked") == 1, results
    assert all("booking_room_no_overlap" in r for r in results if r != "booked"), results
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT count(*) FROM scheduling_booking").fetchone() == (1,)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
def test_on_postgresql_the_losing_booking_is_a_conflict(
    committed, vetted_request, room, persona, site
):
    other_patient = register_patient(
        by=None,
        site=site,
        mrn="SBH0000010",
        given_name="Di",
        family_name="Example",
        birth_date=dt.date(1981, 3, 4),
        sex="F",
        synthetic=True,
    )
    other = cases.vet(
        cases.create_request(
            by=persona("referrer"),
            patient=other_patient,
            site=site,
            entry=cases.catalogue_entry("PCN"),
            indication="Test",
            icd10_codes=[],
            priority="urgent",
        ),
        by=persona("attending"),
        accept=True,
        note="ok",
    )
    scheduler = persona("scheduler")
    start = timezone.now().replace(hour=11, minute=0, second=0, microsecond=0)
    start += dt.timedelta(days=3)
    results = race(
        lambda: book(vetted_request, room=room, start=start, by=scheduler),
        lambda: book(other, room=room, start=start, by=scheduler),
    )
    assert sum(isinstance(r, Booking) for r in results) == 1, results
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
