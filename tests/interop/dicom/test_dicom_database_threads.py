"""The DICOM server's database threads keep their connections from one piece of work to the
next, hand back results and errors, drop a connection that failed, and close what they opened
when they stop."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, connections

from irsuite.interop.dicom.database import DatabaseThreads, in_database

pytestmark = pytest.mark.django_db(transaction=True)


def _connection_id() -> int:
    connection.ensure_connection()
    return id(connection.connection)


def _fail() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table_anywhere")


@pytest.fixture
def one_thread():  # type: ignore[no-untyped-def]
    threads = DatabaseThreads(1)
    yield threads
    threads.stop()


def test_the_work_returns_its_result_through_the_thread(one_thread: DatabaseThreads) -> None:
    assert one_thread.run(lambda a, b: a + b, 2, 3) == 5


def test_an_exception_in_the_work_reaches_the_caller(one_thread: DatabaseThreads) -> None:
    with pytest.raises(ZeroDivisionError):
        one_thread.run(lambda: 1 / 0)
    assert one_thread.run(lambda: "still serving") == "still serving"


def test_a_thread_keeps_its_database_connection_from_one_piece_of_work_to_the_next(
    one_thread: DatabaseThreads,
) -> None:
    first = one_thread.run(_connection_id)
    assert one_thread.run(_connection_id) == first
    assert one_thread.run(_connection_id) != _connection_id(), "not the caller's connection"


@pytest.fixture
def closes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that closed a database connection (SQLite's in-memory test
    database ignores a close, so the closing is what is observed)."""
    closed: list[str] = []
    wrapper = type(connections["default"])
    original = wrapper.close

    def close(self):  # type: ignore[no-untyped-def]
        closed.append(threading.current_thread().name)
        return original(self)

    monkeypatch.setattr(wrapper, "close", close)
    return closed


def test_a_connection_that_failed_is_closed_before_the_next_piece_of_work(
    one_thread: DatabaseThreads, closes: list[str]
) -> None:
    one_thread.run(_connection_id)
    assert one_thread.run(_connection_id) and closes == []
    with pytest.raises(DatabaseError):
        one_thread.run(_fail)
    one_thread.run(_connection_id)
    assert closes == ["dicom-db-0"]


def test_the_threads_close_their_connections_when_they_stop(closes: list[str]) -> None:
    threads = DatabaseThreads(2)
    threads.run(_connection_id)
    threads.stop()
    assert closes and set(closes) <= {"dicom-db-0", "dicom-db-1"}
    assert not [t for t in threading.enumerate() if t.name.startswith("dicom-db")]


def test_outside_a_server_the_work_runs_in_the_calling_thread() -> None:
    class Event:
        assoc = None

    assert in_database(Event(), _connection_id) == _connection_id()
