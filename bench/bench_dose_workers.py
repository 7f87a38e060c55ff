"""Back-filling an archive on more cores: `irsuite import-rdsr FOLDER --workers N`.

The same folder of distinct synthetic projection reports (twelve events each) is imported by the
command itself, as an administrator runs it, into a fresh database with one worker (the
baseline) and with one worker per core: on SQLite (workers read and parse in parallel and take
turns to write) and, when PostgreSQL is installed, on PostgreSQL (workers write at once). Timed
from the command's start to its exit, into a copy of a migrated database; every file must come
back "imported". The runs alternate one worker / all workers, REPEATS times, and each figure
is the median, so that a slow moment of a shared machine does not favour either side. Before
each round, the same pure-Python arithmetic is timed in one process and then split across one
process per core: the speed-up this machine gives to perfectly parallel work at that moment,
the ceiling for the import's.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_dose import synthetic_reports
from bench.common import ROOT, create_pg_database, in_django, postgres_url

REPORTS = 1000
QUICK_REPORTS = 40
KINDS = ["sqlite", "postgresql"]
REPEATS, QUICK_REPEATS = 3, 1
TEMPLATE = "bench_dose_workers_template"


def write_files(folder: str, reports: int) -> dict[str, Any]:
    """In the child: write `reports` distinct synthetic RDSR files into `folder`."""
    sizes = []
    for index, data in enumerate(synthetic_reports(reports, seed=17, prefix="W")):
        (Path(folder) / f"report-{index:05d}.dcm").write_bytes(data)
        sizes.append(len(data))
    return {"files": reports, "mean_kb": sum(sizes) / len(sizes) / 1000}


def _env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "IRSUITE_MODE": "dev",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }


def _irsuite(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "irsuite", *args],
        env=_env(database_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def _pg_admin(sql: str) -> None:
    import psycopg

    base = postgres_url()
    assert base is not None
    with psycopg.connect(base.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(sql)


class Databases:
    """Fresh copies of one migrated database: a file copy on SQLite, a template on PostgreSQL."""

    def __init__(self, kind: str, scratch: Path) -> None:
        self.kind, self.scratch = kind, scratch
        if kind == "sqlite":
            self.template = f"sqlite:///{scratch / 'template.sqlite3'}"
        else:
            base = postgres_url()
            assert base is not None
            _pg_admin(f'DROP DATABASE IF EXISTS "{TEMPLATE}"')
            self.template = create_pg_database(base, TEMPLATE)
        migrated = _irsuite(self.template, "migrate", "--verbosity", "0")
        if migrated.returncode != 0:
            raise RuntimeError(f"migrate failed:\n{migrated.stderr[-2000:]}")

    def fresh(self, name: str) -> str:
        if self.kind == "sqlite":
            path = self.scratch / f"{name}.sqlite3"
            shutil.copy(self.scratch / "template.sqlite3", path)
            return f"sqlite:///{path}"
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}"')
        _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
        return self.template.rsplit("/", 1)[0] + f"/{name}"


def _import(folder: Path, workers: int, database_url: str, reports: int) -> float:
    started = time.perf_counter()
    result = _irsuite(database_url, "import-rdsr", str(folder), "--json", "--workers", str(workers))
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"import-rdsr --workers {workers} failed:\n{result.stderr[-2000:]}")
    statuses = [json.loads(line)["status"] for line in result.stdout.splitlines() if line.strip()]
    if statuses.count("imported") != reports:
        raise RuntimeError(f"only {statuses.count('imported')} of {reports} files were imported")
    return elapsed


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def _ceiling(cores: int, n: int = 4_000_000) -> float:
    """Speed-up of `cores` processes over one on the same pure-Python work, measured now."""
    from concurrent.futures import ProcessPoolExecutor

    started = time.perf_counter()
    for _ in range(cores):
        _spin(n)
    serial = time.perf_counter() - started
    with ProcessPoolExecutor(cores) as pool:
        list(pool.map(_spin, [1000] * cores))  # start the workers before timing
        started = time.perf_counter()
        list(pool.map(_spin, [n] * cores))
        parallel = time.perf_counter() - started
    return serial / parallel


def _rows(kind: str, folder: Path, scratch: Path, reports: int, repeats: int) -> list[str]:
    if kind == "postgresql" and postgres_url() is None:
        return [f"| {kind} | - | PostgreSQL is not installed here | | | | | |"]
    databases = Databases(kind, scratch)
    counts = sorted({1, os.cpu_count() or 1})
    seconds: dict[int, list[float]] = {workers: [] for workers in counts}
    ceilings = []
    for repeat in range(repeats):
        ceilings.append(_ceiling(counts[-1]))
        for workers in counts:
            url = databases.fresh(f"bench_dose_workers_{workers}_{repeat}")
            seconds[workers].append(_import(folder, workers, url, reports))
    base = statistics.median(seconds[1])
    ceiling = f"{statistics.median(ceilings):.2f} ({min(ceilings):.2f}–{max(ceilings):.2f})"
    lines = []
    for workers in counts:
        median = statistics.median(seconds[workers])
        spread = f"{min(seconds[workers]):.1f}–{max(seconds[workers]):.1f}"
        lines.append(
            f"| {kind} | {workers} | {reports:,} | {median:.1f} | {spread} | "
            f"{reports / median:.0f} | {base / median:.2f} | {ceiling if workers > 1 else ''} |"
        )
    return lines


def run(quick: bool) -> str:
    reports = QUICK_REPORTS if quick else REPORTS
    repeats = QUICK_REPEATS if quick else REPEATS
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="irsuite-bench-workers-") as tmp:
        scratch = Path(tmp)
        folder = scratch / "archive"
        folder.mkdir()
        written = in_django(
            f"sqlite:///{scratch / 'writer.sqlite3'}",
            "bench.bench_dose_workers:write_files",
            folder=str(folder),
            reports=reports,
        )
        rows = [row for kind in KINDS for row in _rows(kind, folder, scratch, reports, repeats)]
    lines = [
        "## Radiation dose: batch import on more cores",
        "",
        f"`irsuite import-rdsr FOLDER --json --workers N` on {reports:,} distinct synthetic "
        f"reports ({written['mean_kb']:.0f} kB, twelve events each) into a fresh copy of a "
        f"migrated database, on a machine with {cores} cores. Baseline: one worker on the same "
        "database. Wall-clock time of the command, process start included; the median of "
        f"{repeats} alternating runs, with the fastest and slowest. On SQLite the workers read "
        "and parse at once and take turns to write; on PostgreSQL they also write at once.",
        "",
        "| database | workers | imported | seconds (median) | range | files/s "
        "| speed-up over one worker | machine's ceiling (pure arithmetic) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]
    return "\n".join(lines) + "\n"
