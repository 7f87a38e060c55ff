"""`irsuite import-rdsr --workers N`: worker processes read and store files at the same time.

The command runs as an administrator runs it, in its own process, against a real database: on
SQLite a migrated database file (workers take turns to write), on PostgreSQL the test database
(workers write at once, reports of one study wait on the study's lock).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from dose_samples import EXPECTED, SAMPLES

from command_db import migrate_sqlite, run_irsuite, shared_database_url

pytestmark = pytest.mark.django_db(transaction=True)

MULTI_STUDY = "1.3.6.1.4.1.5962.99.1.792239193.1702185591.1516915727449.3.0"


def _irsuite(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_irsuite(database_url, *args, timeout=300)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrate_sqlite(tmp_path_factory.mktemp("import-cli") / "migrated.sqlite3")


@pytest.fixture
def database_url(migrated_sqlite: Path, tmp_path: Path) -> str:
    """A database the command's processes can all reach, already migrated."""
    return shared_database_url(migrated_sqlite, tmp_path)


def _scalar(database_url: str, sql: str) -> Any:
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def _import(database_url: str, *args: str) -> tuple[list[dict[str, Any]], int]:
    done = _irsuite(database_url, "import-rdsr", "--json", *args)
    assert done.returncode in (0, 1), done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()], done.returncode


@pytest.fixture
def interleaved(tmp_path: Path) -> Iterator[Path]:
    """Eight copies each of the three cumulative reports of one CT study, interleaved so that
    every worker's share holds reports of that study."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for copy in range(8):
        for part in (3, 1, 2):
            source = SAMPLES / f"CT-RDSR-Siemens-Multi-{part}.dcm"
            shutil.copy(source, folder / f"{copy:02d}-{part}.dcm")
    yield folder


def test_two_workers_storing_one_study_at_once_leave_one_study_with_every_event(
    database_url: str, interleaved: Path
) -> None:
    lines, code = _import(database_url, str(interleaved), "--workers", "2")
    assert code == 0
    assert [Path(line["file"]).name for line in lines] == sorted(
        p.name for p in interleaved.iterdir()
    )
    statuses = [line["status"] for line in lines]
    assert statuses.count("imported") == 1
    assert set(statuses) <= {"imported", "updated", "duplicate"}
    assert _scalar(database_url, "SELECT COUNT(*) FROM dose_dosestudy") == 1
    assert _scalar(database_url, "SELECT COUNT(*) FROM dose_irradiationevent") == 3
    assert _scalar(database_url, "SELECT COUNT(*) FROM dose_dosereportobject") == 3
    assert _scalar(database_url, "SELECT dlp_mgycm FROM dose_dosestudy") == pytest.approx(236.09)
    again, _ = _import(database_url, str(SAMPLES / "CT-RDSR-Siemens-Multi-3.dcm"))
    assert again[0]["status"] == "duplicate"
    assert (again[0]["events"], again[0]["study_instance_uid"]) == (3, MULTI_STUDY)


def test_workers_give_every_sample_its_expected_totals_and_quarantine_the_bad_file(
    database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("*.toml", "*.md", "*Multi*"))
    (folder / "not-dicom.dcm").write_bytes(b"this is a letter, not a dose report")
    lines, code = _import(database_url, str(folder), "--workers", "2")
    assert code == 1
    by_file = {Path(line["file"]).name: line for line in lines}
    assert by_file.pop("not-dicom.dcm")["status"] == "quarantined"
    assert set(by_file) == set(EXPECTED) - {f"CT-RDSR-Siemens-Multi-{n}.dcm" for n in (1, 2, 3)}
    for name, line in by_file.items():
        assert line["status"] == "imported", name
        assert line["events"] == EXPECTED[name]["events"], name
        for quantity in ("kap_gycm2", "ka_r_mgy", "dlp_mgycm", "fluoro_time_s"):
            if quantity in EXPECTED[name]:
                assert line[quantity] == pytest.approx(EXPECTED[name][quantity], rel=1e-6)
    assert _scalar(database_url, "SELECT COUNT(*) FROM dose_quarantinedfile") == 1


def test_workers_refuse_a_database_held_in_memory() -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    if connection.vendor != "sqlite":
        pytest.skip("only SQLite keeps a database in a process's memory")
    with pytest.raises(CommandError, match="use a database file"):
        call_command("import-rdsr", str(SAMPLES / "Dual-RDSR-RF.dcm"), "--workers", "2")
