"""Back-filling an archive on more cores: `irsuite import-rdsr FOLDER --workers N`.

The same folder of distinct synthetic projection reports (twelve events each) is imported by the
command itself, as an administrator runs it, into a fresh SQLite database with one worker (the
baseline) and with one worker per core. Timed from the command's start to its exit, after the
database was migrated; every file must come back "imported".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_dose import synthetic_reports
from bench.common import ROOT, in_django

REPORTS = 1000
QUICK_REPORTS = 40


def write_files(folder: str, reports: int) -> dict[str, Any]:
    """In the child: write `reports` distinct synthetic RDSR files into `folder`."""
    sizes = []
    for index, data in enumerate(synthetic_reports(reports, seed=17, prefix="W")):
        (Path(folder) / f"report-{index:05d}.dcm").write_bytes(data)
        sizes.append(len(data))
    return {"files": reports, "mean_kb": sum(sizes) / len(sizes) / 1000}


def _env(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "IRSUITE_MODE": "dev",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }


def _import(folder: Path, workers: int, scratch: Path) -> dict[str, Any]:
    database = scratch / f"workers-{workers}.sqlite3"
    env = _env(database)
    command = [sys.executable, "-m", "irsuite"]
    subprocess.run([*command, "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
    started = time.perf_counter()
    result = subprocess.run(
        [*command, "import-rdsr", str(folder), "--json", "--workers", str(workers)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"import-rdsr --workers {workers} failed:\n{result.stderr[-2000:]}")
    statuses = [json.loads(line)["status"] for line in result.stdout.splitlines() if line.strip()]
    return {"seconds": elapsed, "imported": statuses.count("imported"), "files": len(statuses)}


def run(quick: bool) -> str:
    reports = QUICK_REPORTS if quick else REPORTS
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
        rows = [(w, _import(folder, w, scratch)) for w in sorted({1, cores})]
    base = rows[0][1]["seconds"]
    lines = [
        "## Radiation dose: batch import on more cores",
        "",
        f"`irsuite import-rdsr FOLDER --json --workers N` on {reports:,} distinct synthetic "
        f"reports ({written['mean_kb']:.0f} kB, twelve events each) into a fresh SQLite "
        f"database, on a machine with {cores} cores. Baseline: one worker. Wall-clock time of "
        "the command, after migration.",
        "",
        "| workers | imported | seconds | files/s | speed-up over one worker |",
        "|---:|---:|---:|---:|---:|",
    ]
    for workers, row in rows:
        if row["imported"] != reports:
            raise RuntimeError(f"only {row['imported']} of {reports} files were imported")
        lines.append(
            f"| {workers} | {row['imported']:,} | {row['seconds']:.1f} | "
            f"{reports / row['seconds']:.0f} | {base / row['seconds']:.2f} |"
        )
    return "\n".join(lines) + "\n"
