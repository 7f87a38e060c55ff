"""Running the real `irsuite` command in its own processes against the test's database.

A subprocess cannot see an in-memory or per-test SQLite database, so on SQLite the tests copy a
database migrated once per session; on PostgreSQL the processes share the test database itself.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def command_env(database_url: str) -> dict[str, str]:
    """The environment of an `irsuite` process that works on `database_url`."""
    return {**os.environ, "DATABASE_URL": database_url, "IRSUITE_MODE": "dev"}


def run_irsuite(
    database_url: str, *args: str, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run `irsuite ARGS...` to its end (the timeout only bounds a hang)."""
    return subprocess.run(
        [sys.executable, "-m", "irsuite", *args],
        env=command_env(database_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def migrate_sqlite(path: Path) -> Path:
    """A SQLite database at `path` with every migration applied."""
    done = run_irsuite(f"sqlite:///{path}", "migrate", "--verbosity", "0")
    assert done.returncode == 0, done.stderr
    return path


def postgres_url() -> str:
    """The URL of the PostgreSQL test database the test itself is connected to."""
    s = connection.settings_dict
    user = quote(s["USER"] or "", safe="")
    password = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
    host = quote(s["HOST"] or "localhost", safe="")
    return f"postgres://{user}{password}@{host}:{s['PORT'] or 5432}/{s['NAME']}"


def shared_database_url(migrated_sqlite: Path, tmp_path: Path) -> str:
    """A migrated database every process of a test can reach."""
    if connection.vendor == "postgresql":
        return postgres_url()
    copy = tmp_path / "irsuite.sqlite3"
    shutil.copy(migrated_sqlite, copy)
    return f"sqlite:///{copy}"


def rows(database_url: str, sql: str) -> list[tuple[Any, ...]]:
    """The rows of `sql` as the other processes left them."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return list(db.execute(sql).fetchall())
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())
