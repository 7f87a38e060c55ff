"""Dose benchmark: reading RDSR files, importing them into the database, and local DRLs.

- Reading: per sample file, the lean walker and the pydicom reference walker against the
  baseline "pydicom alone reads the file and touches every element of its content tree"
  (target: >= 30 files/s for reports up to 100 kB, and no file slower than 2x the baseline).
- Import: per sample file, `import_rdsr` (parse, store, link, alerts, commit) on a fresh SQLite
  database; then 1,000 distinct synthetic reports imported one transaction each (throughput),
  with the pydicom-only read time of the same files measured in the same run.
- Reference levels: events summed to studies, then the 75th percentile, median and count per
  procedure type over 1,000,000 irradiation events (target <= 2 s); baseline: sorting the same
  values once.
Quick run: two sample files read once and 20,000 events, no database.
"""

from __future__ import annotations

import random
import statistics
import time
import tomllib
from io import BytesIO
from pathlib import Path
from typing import Any

from bench.common import VAR, in_django

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "fixtures" / "rdsr"
READ_TARGET_FILES_PER_S = 30.0
READ_TARGET_RATIO = 2.0
DRL_TARGET_S = 2.0


def _touch(dataset: Any) -> int:
    count = 0
    for element in dataset:
        value = element.value
        count += 1
        if element.VR == "SQ":
            for item in value:
                count += _touch(item)
    return count


def _best_ms(call: Any, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def _bounds() -> Any:
    from irsuite.domain.rdsr import parse_plausibility

    text = (ROOT / "src/irsuite/reference/data/dose_plausibility.toml").read_text()
    return parse_plausibility(tomllib.loads(text))


def _read_rows(repeat: int, limit: int | None = None) -> list[dict[str, Any]]:
    import pydicom

    from irsuite.domain.rdsr import Walker, read_report

    bounds = _bounds()
    rows = []
    for path in sorted(SAMPLES.glob("*.dcm"))[:limit]:
        data = path.read_bytes()
        baseline = _best_ms(lambda d=data: _touch(pydicom.dcmread(BytesIO(d))), repeat)
        lean = _best_ms(lambda d=data: read_report(d, bounds), repeat)
        reference = _best_ms(lambda d=data: read_report(d, bounds, Walker.PYDICOM), repeat)
        rows.append(
            {
                "file": path.name,
                "kb": len(data) / 1000,
                "baseline": baseline,
                "lean": lean,
                "reference": reference,
            }
        )
    return rows


def _drl(events: int) -> dict[str, float]:
    from irsuite.domain.dose_drl import local_drls, sum_by_key

    rng = random.Random(11)
    procedures = [f"P{i:02d}" for i in range(40)]
    studies = max(1, events // 12)
    study_procedure = [rng.choice(procedures) for _ in range(studies)]
    rows = [(rng.randrange(studies), rng.lognormvariate(0, 1.0)) for _ in range(events)]
    started = time.perf_counter()
    per_study = sum_by_key(rows)
    summaries = local_drls((study_procedure[s], kap) for s, kap in per_study.items())
    elapsed = time.perf_counter() - started
    values = [v for _, v in rows]
    base_started = time.perf_counter()
    sorted(values)
    baseline = time.perf_counter() - base_started
    assert len(summaries) == len(set(study_procedure))
    return {"seconds": elapsed, "baseline_sort_s": baseline}


def import_in_django(reports: int, repeat: int) -> dict[str, Any]:
    """Child process: import every sample file, then `reports` distinct synthetic reports."""
    import datetime as dt

    import pydicom
    from django.core.management import call_command

    from irsuite.dose.models import DoseStudy
    from irsuite.dose.services_import import ImportStatus, import_rdsr
    from irsuite.dose.synthetic import Header, projection_report, random_exposures

    call_command("migrate", interactive=False, verbosity=0)
    per_file = []
    for path in sorted(SAMPLES.glob("*.dcm")):
        data = path.read_bytes()
        started = time.perf_counter()
        import_rdsr(data, filename=path.name, source="bench")
        commit_ms = (time.perf_counter() - started) * 1000
        read_ms = _best_ms(lambda d=data: _touch(pydicom.dcmread(BytesIO(d))), repeat)
        per_file.append({"file": path.name, "import_ms": commit_ms, "read_ms": read_ms})
    rng = random.Random(5)
    files = []
    for index in range(reports):
        header = Header(
            study_uid=f"2.25.{rng.getrandbits(96)}",
            accession=f"B{index:07d}",
            patient_id=f"BENCH{index:05d}",
            when=dt.datetime(2026, 1, 1, 9, 0),
            station="BENCH1",
        )
        files.append(projection_report(header, random_exposures(rng, header.when, 60.0, 12)))
    started = time.perf_counter()
    for data in files:
        _touch(pydicom.dcmread(BytesIO(data)))
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    statuses = [import_rdsr(data, filename="", source="bench").status for data in files]
    import_s = time.perf_counter() - started
    assert statuses.count(ImportStatus.IMPORTED) == reports
    return {
        "per_file": per_file,
        "reports": reports,
        "mean_kb": statistics.mean(len(f) for f in files) / 1000,
        "import_s": import_s,
        "read_s": read_s,
        "studies": DoseStudy.objects.count(),
    }


def _import(quick: bool) -> dict[str, Any]:
    path = VAR / ("bench_dose_quick.sqlite3" if quick else "bench_dose.sqlite3")
    VAR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return in_django(
        f"sqlite:///{path}",
        "bench.bench_dose:import_in_django",
        reports=20 if quick else 1000,
        repeat=2 if quick else 5,
    )


def _read_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| file | kB | pydicom read + touch (baseline) ms | lean reader ms | ratio | "
        "pydicom reader ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['file']} | {r['kb']:.0f} | {r['baseline']:.1f} | {r['lean']:.1f} | "
            f"{r['lean'] / r['baseline']:.2f} | {r['reference']:.1f} |"
        )
    small = [r for r in rows if r["kb"] <= 100]
    rate = len(small) / (sum(r["lean"] for r in small) / 1000)
    worst = max(r["lean"] / r["baseline"] for r in rows)
    lines.append("")
    lines.append(
        f"Lean reader: {rate:.0f} files/s on reports up to 100 kB (target >= "
        f"{READ_TARGET_FILES_PER_S:.0f}); slowest file at {worst:.2f}x the baseline "
        f"(target <= {READ_TARGET_RATIO:.0f}x)."
    )
    return lines


def _import_table(result: dict[str, Any]) -> list[str]:
    lines = ["| file | import incl. commit ms | pydicom read + touch ms |", "|---|---:|---:|"]
    for r in result["per_file"]:
        lines.append(f"| {r['file']} | {r['import_ms']:.1f} | {r['read_ms']:.1f} |")
    n = result["reports"]
    lines += [
        "",
        f"{n} distinct synthetic reports ({result['mean_kb']:.0f} kB each, 12 events): import "
        f"with one commit each {n / result['import_s']:.0f} reports/s "
        f"({result['import_s'] * 1000 / n:.1f} ms per report); pydicom read + touch alone "
        f"{n / result['read_s']:.0f} reports/s ({result['read_s'] * 1000 / n:.1f} ms).",
    ]
    return lines


def run(quick: bool) -> str:
    reads = _read_rows(1, limit=2) if quick else _read_rows(15)
    imported = None if quick else _import(quick)
    events = 20_000 if quick else 1_000_000
    drl = _drl(events)
    lines = [
        "## Radiation dose (RDSR reading, import, local DRLs)",
        "",
        "### Reading sample RDSR files (best of several runs, one core)",
        "",
    ]
    lines += _read_table(reads)
    lines += ["", "### Import into SQLite (parse, store, link, alerts, commit)", ""]
    lines += _import_table(imported) if imported else ["Not run in quick mode."]
    lines += [
        "",
        "### Local DRLs",
        "",
        "| events | studies | 75th percentile, median, count per procedure s | baseline: "
        "one sort of all values s | target s |",
        "|---:|---:|---:|---:|---:|",
        f"| {events:,} | {events // 12:,} | {drl['seconds']:.2f} | "
        f"{drl['baseline_sort_s']:.2f} | {DRL_TARGET_S:.0f} |",
    ]
    return "\n".join(lines) + "\n"
