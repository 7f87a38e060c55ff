"""Importing a batch of RDSR files (`irsuite import-rdsr`) on one core or several.

Each worker process reads, parses and stores its files through its own database connection,
one transaction per file, and reads each study's totals back after the commit. On PostgreSQL
the workers write at the same time; reports of one study wait for each other on the study's
lock (`services.lock_study`). SQLite has one writer at a time: there the workers hand a
lock to each other around each write transaction, and read and parse in parallel.

Workers end with the command: killed or crashed, it takes them along (`irsuite.processes`), so
no worker keeps writing for a batch nobody is reading any more.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from django.db import connection

from irsuite.dose.importing.pipeline import chunks, in_order
from irsuite.dose.importing.services import ImportOutcome, parse_guarded, store_parsed
from irsuite.processes import die_with_parent

# Files per task handed to a worker: small, so results come back in order without delay.
FILES_PER_TASK = 4

_write_lock: AbstractContextManager[object] | None = None


class WorkersUnavailable(RuntimeError):
    """Worker processes cannot reach the database this import writes to."""


def _start_worker(lock: AbstractContextManager[object] | None, parent: int) -> None:
    global _write_lock
    _write_lock = lock
    die_with_parent(parent)


def import_file(name: str, source: str = "cli") -> ImportOutcome:
    """Read, parse and store one file (or quarantine it), with its totals read back."""
    data = Path(name).read_bytes()
    parsed = parse_guarded(data, filename=name)
    return store_parsed(data, parsed, filename=name, source=source, write_lock=_write_lock)


def import_files(names: list[str]) -> list[ImportOutcome]:
    """A worker's task: import these files in turn."""
    return [import_file(name) for name in names]


def _check_workers_can_write() -> None:
    if connection.in_atomic_block:
        raise WorkersUnavailable(
            "Worker processes cannot take part in a transaction that is already open; "
            "import with one worker, or outside the transaction."
        )
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and (name == ":memory:" or "mode=memory" in name):
        raise WorkersUnavailable(
            "The database is held in this process's memory, where worker processes cannot "
            "write; import with one worker, or use a database file."
        )


def import_batch(files: Sequence[Path], workers: int = 1) -> Iterator[ImportOutcome]:
    """Import the files with `workers` processes; outcomes come in the files' order."""
    lock = None
    if workers > 1:
        _check_workers_can_write()
        if connection.vendor == "sqlite":
            lock = multiprocessing.get_context("fork").Lock()
    tasks = chunks([str(path) for path in files], FILES_PER_TASK)
    for outcomes in in_order(
        import_files, tasks, workers, initializer=_start_worker, initargs=(lock, os.getpid())
    ):
        yield from outcomes
