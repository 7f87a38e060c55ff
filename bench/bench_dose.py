"""Dose benchmark: reading RDSR files, importing them into the database, and local DRLs.

- Reading: per sample file, the lean walker and the pydicom reference walker against the
  baseline "pydicom alone reads the file and touches every element of its content tree"
  (target: >= 30 files/s for reports up to 100 kB, and no file slower than 2x the baseline).
- Import: per sample file, `import_rdsr` (parse, store, link, alerts, commit) on a fresh SQLite
  database; then 1,000 distinct synthetic reports imported one transaction each (throughput),
  with the pydicom-only read time of the same files measured in the same run.
- Reference levels: a database of 1,000,000 irradiation events (83,334 dose studies of twelve
  events, linked to procedures of twelve catalogue entries in six rooms by 24 operators, over
  three years; `BENCH_DOSE_EVENTS` changes the size), built once per database kind with bulk
  inserts (`bench.bulk`) and kept under var/bench/ for SQLite. Timed on SQLite and, when
  PostgreSQL is installed, PostgreSQL: what the physicist's dashboard computes over a period
  covering every study (`queries.rows` + `drl_table` + `by_key` + `trend`; target <= 2 s) and
  the dashboard page through the Django test client. Baseline: the same reference levels
  computed naively, the events of each study summed from the event table.
Quick run: two sample files read once; reference levels over 24,000 events on SQLite.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
import tomllib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

from bench.common import (
    VAR,
    create_pg_database,
    in_django,
    percentiles,
    postgres_url,
    time_calls,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "fixtures" / "rdsr"
READ_TARGET_FILES_PER_S = 30.0
READ_TARGET_RATIO = 2.0
DRL_TARGET_S = 2.0
EVENTS = int(os.environ.get("BENCH_DOSE_EVENTS", "1000000"))
EVENTS_PER_STUDY, ENTRIES, ROOMS, OPERATORS, YEARS = 12, 12, 6, 24, 3
CHUNK, SEED = 5_000, 11


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


# ------------------------------------------------------ reference levels from the database


def _drl_people(rng: random.Random) -> dict[str, Any]:
    from django.contrib.auth.models import User

    from irsuite.dose.models import Device
    from irsuite.people.models import Room, Site, Staff, SuiteType
    from irsuite.people.roles import StaffRole

    site = Site.objects.create(code="dbench", name="Dose benchmark hospital")
    rooms = [
        Room.objects.create(
            site=site,
            code=f"d{i}",
            name=f"Angio suite {i}",
            suite_type=SuiteType.ANGIO_BIPLANE,
            ae_title=f"DB_ROOM{i}",
        )
        for i in range(ROOMS)
    ]
    devices = [
        Device.objects.create(
            manufacturer="Synthetic", model_name="Angio", station_name=r.ae_title, room=r
        )
        for r in rooms
    ]
    operators = Staff.objects.bulk_create(
        Staff(given_name=f"Op{i}", family_name="Bench", role=StaffRole.ATTENDING)
        for i in range(OPERATORS)
    )
    physicist = User.objects.create_user("bench-physicist")
    Staff.objects.create(
        user=physicist, given_name="Phys", family_name="Bench", role=StaffRole.PHYSICIST
    )
    rng.shuffle(operators)
    return {"site": site, "rooms": rooms, "devices": devices, "operators": operators}


def _drl_inserters() -> dict[str, Any]:
    from bench.bulk import Inserter
    from irsuite.cases.models import Procedure, Request, TeamMember
    from irsuite.dose.models import DoseStudy, IrradiationEvent

    request_columns = ["id", "patient_id", "site_id", "catalogue_entry_id", "indication"]
    request_columns += ["status", "accession_number", "requested_at", "room_id"]
    study_columns = ["id", "study_instance_uid", "kind", "accession_number", "study_date"]
    study_columns += ["device_id", "room_id", "patient_id", "procedure_id", "link_method"]
    study_columns += ["event_count", "kap_gycm2", "ka_r_mgy", "fluoro_time_s"]
    event_columns = ["study_id", "uid", "event_type", "plane", "kap_gycm2", "ka_r_mgy"]
    event_columns += ["irradiation_duration_s", "kvp", "tube_current_ma"]
    return {
        "request": Inserter(Request, request_columns),
        "procedure": Inserter(
            Procedure, ["id", "request_id", "room_id", "day", "start_at", "end_at", "status"]
        ),
        "team": Inserter(TeamMember, ["procedure_id", "staff_id", "role"]),
        "study": Inserter(DoseStudy, study_columns),
        "event": Inserter(IrradiationEvent, event_columns),
    }


def _drl_chunk(ctx: dict[str, Any], start: int, size: int) -> None:
    rng, rows = ctx["rng"], {name: [] for name in ctx["insert"]}  # type: dict[str, list[Any]]
    for n in range(start, start + size):
        pk, entry = ctx["first_pk"] + n, ctx["entries"][n % len(ctx["entries"])]
        room = n % ROOMS
        day = ctx["first_day"] + dt.timedelta(days=n * ctx["span"] // ctx["studies"])
        at = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
        patient = ctx["patients"] + n % ctx["patient_count"]
        accession = f"DB{n:012d}"
        rows["request"].append(
            (pk, patient, ctx["site"], entry[0], "Benchmark", "completed", accession, at, None)
        )
        rows["procedure"].append((pk, pk, ctx["rooms"][room], day, at, at, "signed"))
        rows["team"].append((pk, rng.choice(ctx["operators"]), "attending_operator"))
        median = entry[1]
        kaps = [rng.lognormvariate(0, 0.8) * median / EVENTS_PER_STUDY for _ in range(12)]
        kars = [k * rng.uniform(4.0, 9.0) for k in kaps]
        for j, (kap, kar) in enumerate(zip(kaps, kars, strict=True)):
            fluoro = j % 3 != 2
            rows["event"].append(
                (pk, f"2.25.{pk}.{j}", "fluoroscopy" if fluoro else "stationary_acquisition",
                 "single", kap, kar, 20.0 if fluoro else 4.0, 80.0, 200.0)
            )  # fmt: skip
        rows["study"].append(
            (pk, f"2.25.{pk}", "projection_xray", accession, day, ctx["devices"][room],
             ctx["rooms"][room], patient, pk, "accession", EVENTS_PER_STUDY, sum(kaps),
             sum(kars), 168.0)
        )  # fmt: skip
    for name in ("request", "procedure", "team", "study", "event"):
        ctx["insert"][name].insert(rows[name])


def build_drl(events: int) -> dict[str, Any]:
    """Child: the dose database with `events` irradiation events (built once, idempotent)."""
    from django.core.management import call_command
    from django.db import transaction

    from bench.bulk import Inserter, analyze, next_pk, reset_sequences
    from irsuite.cases.catalogue.services import load_catalogue
    from irsuite.cases.models import CatalogueEntry, Procedure, Request, TeamMember
    from irsuite.dose.models import DoseStudy, IrradiationEvent
    from irsuite.patients.models import Patient

    call_command("migrate", interactive=False, verbosity=0)
    studies = -(-events // EVENTS_PER_STUDY)
    present = DoseStudy.objects.count()
    if present == studies:
        return {"built_s": 0, "studies": present}
    if present:
        raise RuntimeError(
            f"{present} dose studies already there, not {studies}: delete the database"
        )
    started = time.monotonic()
    rng = random.Random(SEED)
    load_catalogue()
    with transaction.atomic():
        people = _drl_people(rng)
    fluoro = CatalogueEntry.objects.filter(active=True, fluoro_dose_expected=True)
    entries = list(fluoro.order_by("code").values_list("pk", flat=True)[:ENTRIES])
    patient_count = max(100, studies // 3)
    first_patient = next_pk(Patient)
    Inserter(Patient, ["id", "given_name", "family_name", "birth_date", "synthetic"]).insert(
        [(first_patient + i, "Synthetic", f"Dose{i}", dt.date(1950, 1, 1), True)
         for i in range(patient_count)]
    )  # fmt: skip
    today = dt.date.today()
    ctx = {
        "rng": rng,
        "entries": [(pk, rng.choice([15.0, 30.0, 70.0, 120.0, 150.0])) for pk in entries],
        "site": people["site"].pk,
        "rooms": [r.pk for r in people["rooms"]],
        "devices": [d.pk for d in people["devices"]],
        "operators": [o.pk for o in people["operators"]],
        "patients": first_patient,
        "patient_count": patient_count,
        "first_pk": max(next_pk(Procedure), next_pk(Request), next_pk(DoseStudy)),
        "first_day": today - dt.timedelta(days=YEARS * 365),
        "span": YEARS * 365,
        "studies": studies,
        "insert": _drl_inserters(),
    }
    for start in range(0, studies, CHUNK):
        with transaction.atomic():
            _drl_chunk(ctx, start, min(CHUNK, studies - start))
    reset_sequences([Patient, Request, Procedure, TeamMember, DoseStudy, IrradiationEvent])
    analyze()
    return {"built_s": round(time.monotonic() - started, 1), "studies": studies}


def _naive_drl(date_from: dt.date, date_to: dt.date) -> dict[str, Any]:
    """Baseline: every irradiation event read, summed per study, then the DRL per procedure."""
    from irsuite.domain.dose_drl import local_drls, sum_by_key
    from irsuite.dose.models import IrradiationEvent

    events = IrradiationEvent.objects.filter(
        study__procedure__isnull=False,
        study__study_date__gte=date_from,
        study__study_date__lte=date_to,
        kap_gycm2__isnull=False,
    ).values_list("study_id", "study__procedure__request__catalogue_entry__code", "kap_gycm2")
    entry_of: dict[int, str] = {}
    values = []
    for study, code, kap in events.iterator(chunk_size=10_000):
        entry_of[study] = code
        values.append((study, kap))
    per_study = sum_by_key(values)
    return local_drls((entry_of[s], kap) for s, kap in per_study.items())


def _best_s(call: Any, repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - started)
    return best, result


def measure_drl(repeat: int, pages: int) -> dict[str, Any]:
    """Child: the physicist's dashboard computation, the page, and the naive baseline."""
    from django.contrib.auth.models import User
    from django.db.models import Max, Min
    from django.test import Client
    from django.urls import reverse

    from irsuite.domain.dose_thresholds import DoseQuantity
    from irsuite.dose.dashboard import queries
    from irsuite.dose.models import DoseStudy, IrradiationEvent
    from irsuite.dose.reference_levels.queries import drl_table

    span = DoseStudy.objects.aggregate(first=Min("study_date"), last=Max("study_date"))
    f = queries.DoseFilter(DoseQuantity.KAP_GYCM2, span["first"], span["last"])

    def summaries(data: list[Any]) -> Any:
        table = drl_table(queries.drl_values(data), f.quantity)
        queries.by_key(data, "room"), queries.by_key(data, "operator"), queries.trend(data)
        return table

    rows_s, data = _best_s(lambda: queries.rows(f), repeat)
    summary_s, table = _best_s(lambda: summaries(data), repeat)
    total_s, _ = _best_s(lambda: summaries(queries.rows(f)), repeat)
    naive_s, naive = _best_s(lambda: _naive_drl(f.date_from, f.date_to), max(1, repeat - 1))
    for row in table:  # both ways give the same reference levels
        assert abs(naive[row["code"]].p75 - row["p75"]) < 1e-6 * row["p75"], row["code"]
    client = Client()
    client.force_login(User.objects.get(username="bench-physicist"))
    url = f"{reverse('dose:dashboard')}?from={f.date_from}&to={f.date_to}"
    page = client.get(url)
    assert page.status_code == 200
    page_ms = percentiles(time_calls(lambda: client.get(url), pages, warmup=1))
    return {
        "events": IrradiationEvent.objects.count(),
        "studies": len(data),
        "entries": len(table),
        "rooms_operators": (
            len({r.room for r in data}),
            len({r.operator for r in data}),
        ),
        "rows_s": rows_s,
        "summaries_s": summary_s,
        "total_s": total_s,
        "naive_s": naive_s,
        "page": page_ms,
        "page_kb": len(page.content) / 1000,
    }


def _drl_database(kind: str, events: int) -> str | None:
    name = f"bench_dose_drl_{events}"
    if kind == "sqlite":
        VAR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{VAR / (name + '.sqlite3')}"
    base = postgres_url()
    return None if base is None else create_pg_database(base, name)


def _drl(quick: bool) -> list[dict[str, Any]]:
    events = 24_000 if quick else EVENTS
    results = []
    for kind in ("sqlite",) if quick else ("sqlite", "postgresql"):
        url = _drl_database(kind, events)
        if url is None:
            continue
        built = in_django(url, "bench.bench_dose:build_drl", events=events)
        measured = in_django(
            url, "bench.bench_dose:measure_drl", repeat=1 if quick else 3, pages=2 if quick else 5
        )
        results.append({"database": kind, **built, **measured})
    return results


def _drl_table(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| database | events | studies | procedure types / rooms / operators | "
        "rows query s | DRL, rooms, operators, trend s | dashboard computation s | "
        "baseline: events summed per study s | dashboard page p50 ms (p95) | target s |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rooms, operators = r["rooms_operators"]
        lines.append(
            f"| {r['database']} | {r['events']:,} | {r['studies']:,} | "
            f"{r['entries']} / {rooms} / {operators} | {r['rows_s']:.2f} | "
            f"{r['summaries_s']:.2f} | {r['total_s']:.2f} | {r['naive_s']:.2f} | "
            f"{r['page']['p50_ms']:.0f} ({r['page']['p95_ms']:.0f}) | {DRL_TARGET_S:.0f} |"
        )
    return lines


def synthetic_reports(count: int, *, seed: int, prefix: str) -> Iterator[bytes]:
    """`count` distinct synthetic projection reports (twelve events each), one patient and one
    accession number each, a minute apart (in a child process with Django set up)."""
    from irsuite.dose.importing.synthetic import Header, projection_report, random_exposures

    rng = random.Random(seed)
    for index in range(count):
        header = Header(
            study_uid=f"2.25.{rng.getrandbits(96)}",
            accession=f"{prefix}{index:07d}",
            patient_id=f"{prefix}P{index:05d}",
            when=dt.datetime(2026, 1, 1, 9, 0) + dt.timedelta(minutes=index),
            station="BENCH1",
        )
        yield projection_report(header, random_exposures(rng, header.when, 60.0, 12))


def import_in_django(reports: int, repeat: int) -> dict[str, Any]:
    """Child process: import every sample file, then `reports` distinct synthetic reports."""

    import pydicom
    from django.core.management import call_command

    from irsuite.dose.importing.services import ImportStatus, import_rdsr
    from irsuite.dose.models import DoseStudy

    call_command("migrate", interactive=False, verbosity=0)
    per_file = []
    for path in sorted(SAMPLES.glob("*.dcm")):
        data = path.read_bytes()
        started = time.perf_counter()
        import_rdsr(data, filename=path.name, source="bench")
        commit_ms = (time.perf_counter() - started) * 1000
        read_ms = _best_ms(lambda d=data: _touch(pydicom.dcmread(BytesIO(d))), repeat)
        per_file.append({"file": path.name, "import_ms": commit_ms, "read_ms": read_ms})
    files = list(synthetic_reports(reports, seed=5, prefix="B"))
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
    drl = _drl(quick)
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
        "### Local DRLs on the physicist's dashboard",
        "",
        "A database of dose studies linked to procedures of several catalogue entries, rooms and "
        "operators, twelve irradiation events each, over all the studies' period. The dashboard "
        "computation is `queries.rows` + `drl_table` + `by_key` (room, operator) + `trend` "
        "(best of 3); the page is the whole Django stack (test client, session, template). "
        "Baseline: the same reference levels from the event table, the events of each study "
        "summed in Python (both give the same 75th percentiles, checked).",
        "",
    ]
    lines += _drl_table(drl)
    return "\n".join(lines) + "\n"
