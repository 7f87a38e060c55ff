"""kill -9 mid-batch loses, duplicates and half-stores nothing.

`irsuite import-rdsr --workers 2` and `irsuite worker` run in their own processes against a real
database (a migrated SQLite file, or the PostgreSQL test database), are killed with SIGKILL in
the middle of their work, and run again. Afterwards every acknowledged file is stored, every
study holds exactly its events once, and the totals equal those of a clean run.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from command_db import ROOT, command_env, migrate_sqlite, rows, run_irsuite, shared_database_url

sys.path.append(str(Path(__file__).resolve().parents[1] / "dose"))  # the samples' helpers
from dose_samples import EXPECTED, altered  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)

# Fluoroscopy samples copied with new UIDs: each copy is a study of its own.
SOURCES = ["RF-RDSR-Siemens-Zee.dcm", "RF-RDSR-GE.dcm", "RF-RDSR-Philips_Allura.dcm"]
COPIES = 16
KILL_AFTER = 10  # acknowledged files before the kill
GONE_WITHIN_S = 20.0  # how long orphaned workers may take to notice (only bounds a failure)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrate_sqlite(tmp_path_factory.mktemp("kill-nine") / "migrated.sqlite3")


@pytest.fixture
def database_url(migrated_sqlite: Path, tmp_path: Path) -> str:
    """A database every process of the test can reach, already migrated."""
    return shared_database_url(migrated_sqlite, tmp_path)


@pytest.fixture
def batch(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "batch"
    folder.mkdir()
    for copy in range(COPIES):
        for n, name in enumerate(SOURCES):
            (folder / f"{copy:02d}-{n}.dcm").write_bytes(altered(name, new_uids=True))
    yield folder


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_gone(pids: list[int]) -> list[int]:
    deadline = time.monotonic() + GONE_WITHIN_S
    while (alive := [p for p in pids if _alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def _expected_totals() -> tuple[int, int, float]:
    events = COPIES * sum(EXPECTED[name]["events"] for name in SOURCES)
    kap = COPIES * sum(EXPECTED[name]["kap_gycm2"] for name in SOURCES)
    return COPIES * len(SOURCES), events, kap


def _stored(database_url: str) -> tuple[int, int, float]:
    (studies, events, kap), *_ = rows(
        database_url, "SELECT COUNT(*), SUM(event_count), SUM(kap_gycm2) FROM dose_dosestudy"
    )
    return studies, events or 0, kap or 0.0


def _half_stored(database_url: str) -> list[tuple[Any, ...]]:
    """Studies whose stored events differ from the count they declare."""
    return rows(
        database_url,
        "SELECT s.id, s.event_count, COUNT(e.id) FROM dose_dosestudy s "
        "LEFT JOIN dose_irradiationevent e ON e.study_id = s.id "
        "GROUP BY s.id, s.event_count HAVING s.event_count <> COUNT(e.id)",
    )


def test_import_killed_mid_batch_takes_its_workers_along_and_a_rerun_completes_it(
    database_url: str, batch: Path
) -> None:
    command = [sys.executable, "-m", "irsuite", "import-rdsr", "--json", "--workers", "2"]
    process = subprocess.Popen(
        [*command, str(batch)],
        env=command_env(database_url),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    acknowledged = [json.loads(process.stdout.readline()) for _ in range(KILL_AFTER)]
    workers = _children(process.pid)
    assert len(workers) >= 2, "the import did not start its worker processes"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert _wait_gone(workers) == [], "workers outlived the killed import"

    stored = {uid for (uid,) in rows(database_url, "SELECT study_instance_uid FROM dose_dosestudy")}
    assert {line["study_instance_uid"] for line in acknowledged} <= stored
    assert _half_stored(database_url) == []

    rerun = run_irsuite(database_url, "import-rdsr", "--json", "--workers", "2", str(batch))
    assert rerun.returncode == 0, rerun.stderr
    statuses = [json.loads(line)["status"] for line in rerun.stdout.splitlines()]
    assert len(statuses) == COPIES * len(SOURCES)
    assert set(statuses) <= {"imported", "duplicate"}
    studies, events, kap = _stored(database_url)
    expected_studies, expected_events, expected_kap = _expected_totals()
    assert (studies, events) == (expected_studies, expected_events)
    assert kap == pytest.approx(expected_kap, rel=1e-6)
    assert _half_stored(database_url) == []


DEMO = """
from django.utils import timezone
from irsuite.demo.builder import build_demo, enqueue_later
from irsuite.demo.context import DemoContext
ctx = DemoContext(seed=2, procedures=400, now=timezone.now(), show_progress=False)
build_demo(ctx, say=lambda _: None, later=frozenset({"dose"}))
print(enqueue_later(ctx))
"""
TASK_SQL = "SELECT status FROM django_tasks_database_dbtaskresult"
PROGRESS_SQL = "SELECT done, total FROM web_taskprogress"
WORKER_STARTS_WITHIN_S = 300.0  # bounds a failure only: the test waits for progress, not time


def _wait_mid_task(database_url: str, worker: subprocess.Popen[bytes]) -> tuple[int, int]:
    deadline = time.monotonic() + WORKER_STARTS_WITHIN_S
    while time.monotonic() < deadline and worker.poll() is None:
        progress = rows(database_url, PROGRESS_SQL)
        if progress and 0 < progress[0][0] < progress[0][1]:
            return progress[0]
        time.sleep(0.05)
    raise AssertionError("the worker never reached the middle of its task")


def test_worker_killed_mid_task_runs_it_again_and_stores_nothing_twice(database_url: str) -> None:
    built = run_irsuite(database_url, "shell", "-c", DEMO)
    assert built.returncode == 0, built.stderr
    worker = subprocess.Popen(
        [sys.executable, "-m", "irsuite", "worker", "--interval", "0.2"],
        env=command_env(database_url),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        done, total = _wait_mid_task(database_url, worker)
        writers = _children(worker.pid)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert _wait_gone(writers) == [], "report writers outlived the killed worker"
    assert rows(database_url, TASK_SQL) == [("RUNNING",)]  # as the killed worker left it
    (partial,), *_ = rows(database_url, "SELECT COUNT(*) FROM dose_dosestudy")
    assert done <= partial < total
    assert _half_stored(database_url) == []

    again = run_irsuite(database_url, "worker", "--batch", "--interval", "0")
    assert again.returncode == 0, again.stderr
    assert "taken up again" in again.stdout
    assert rows(database_url, TASK_SQL) == [("SUCCESSFUL",)]
    assert rows(database_url, PROGRESS_SQL) == [(total, total)]
    (studies, reports), *_ = rows(
        database_url,
        "SELECT COUNT(DISTINCT s.id), COUNT(r.id) FROM dose_dosestudy s "
        "JOIN dose_dosereportobject r ON r.study_id = s.id",
    )
    assert (studies, reports) == (total, total)  # one study and one report per procedure
    assert _half_stored(database_url) == []
