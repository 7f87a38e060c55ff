"""Quality benchmark: the quality dashboard and a trainee's case log on a very large record.

Full run: a database of 1,000,000 signed procedures over five years (three sites, twelve rooms,
forty attendings, twelve trainees, adverse events at about each indicator's threshold rate,
tunnelled lines and ports), built once per database kind by this module with bulk inserts, then
the quality facts pre-aggregated by `rebuild_all_facts` (timed). Measured on SQLite and, when
PostgreSQL is installed, PostgreSQL, through the whole Django stack (test client, session,
template):
- the dashboard of the busiest procedure over the last year, over all five years, and for one
  operator; the indicators API over all five years;
- the case-log page of a trainee with 2,000 cases.
Baselines measured in the same run: the same indicator counts computed by joining procedures,
entries and adverse events (what the dashboard would cost without pre-aggregation), and the
login page (the floor of any rendered page).
Quick run: the pure statistics (Wilson, funnel limits, CUSUM on 20,000 cases) and their baseline
(summing the outcomes), no database.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from typing import Any

from bench.bulk import Inserter, analyze, next_pk, reset_sequences
from bench.common import (
    VAR,
    create_pg_database,
    in_django,
    percentiles,
    postgres_url,
    time_calls,
)

PROCEDURES = int(os.environ.get("BENCH_QUALITY_PROCEDURES", "1000000"))
YEARS = 5
TRAINEE_CASES = 2_000
DASHBOARD_TARGET_MS = 500.0
CASELOG_TARGET_MS = 150.0
CHUNK = 20_000
SEED = 5


# ---------------------------------------------------------------- quick: pure statistics


def _pure(n: int) -> dict[str, dict[str, float]]:
    from irsuite.domain.quality.cusum import (
        CusumDesign,
        bernoulli_cusum,
        constant_risk_path,
        odds_ratio_between,
    )
    from irsuite.domain.quality.funnel import funnel_limits
    from irsuite.domain.quality.intervals import wilson_interval

    exact = funnel_limits.__wrapped__
    design = CusumDesign(odds_ratio_between(0.04, 0.08), 4.5)
    rng = random.Random(SEED)
    outcomes = [rng.random() < 0.04 for _ in range(20_000)]
    return {
        "Wilson interval (one rate)": percentiles(time_calls(lambda: wilson_interval(37, 912), n)),
        # Uncached: the dashboard memoises the limits, the figure is the cost of a first call.
        "exact funnel limits, n = 2,000 (95% and 99.8%), uncached": percentiles(
            time_calls(lambda: (exact(0.04, 2000, 0.95), exact(0.04, 2000, 0.998)), n)
        ),
        "Bernoulli CUSUM over 20,000 cases, one point object per case": percentiles(
            time_calls(lambda: bernoulli_cusum(outcomes, 0.04, 0.08, 4.5), max(5, n // 20))
        ),
        "the same chart as a compact path (what the dashboard draws)": percentiles(
            time_calls(lambda: constant_risk_path(outcomes, 0.04, design), max(5, n // 20))
        ),
        "baseline: summing 20,000 outcomes": percentiles(
            time_calls(lambda: sum(outcomes), max(5, n // 20))
        ),
    }


# ---------------------------------------------------------------- building the database


def _people(rng: random.Random) -> dict[str, Any]:
    from django.contrib.auth.models import User

    from irsuite.people.models import Room, Site, Staff, SuiteType
    from irsuite.people.roles import StaffRole

    sites = [Site.objects.create(code=f"qb{i}", name=f"Benchmark hospital {i}") for i in range(3)]
    rooms = [
        Room.objects.create(
            site=sites[i % 3],
            code=f"r{i}",
            name=f"Suite {i}",
            suite_type=SuiteType.ANGIO_BIPLANE,
            ae_title=f"QB_ROOM{i}",
        )
        for i in range(12)
    ]
    attendings = [
        Staff(given_name=f"Att{i}", family_name="Bench", role=StaffRole.ATTENDING)
        for i in range(40)
    ]
    trainees = [
        Staff(
            given_name=f"Tr{i}",
            family_name="Bench",
            role=StaffRole.RESIDENT if i % 2 else StaffRole.FELLOW,
        )
        for i in range(12)
    ]
    Staff.objects.bulk_create(attendings + trainees)
    lead = User.objects.create_user("bench-quality-lead")
    Staff.objects.create(
        user=lead, given_name="Lead", family_name="Bench", role=StaffRole.QUALITY_LEAD
    )
    trainee_user = User.objects.create_user("bench-trainee")
    trainees[0].user = trainee_user
    trainees[0].save(update_fields=["user"])
    rng.shuffle(attendings)
    return {"rooms": rooms, "attendings": attendings, "trainees": trainees}


def _patients(count: int) -> list[int]:
    from irsuite.patients.models import Patient

    first = next_pk(Patient)
    rows = [
        (
            first + i,
            "Synthetic",
            f"Bench{i}",
            dt.date(1950, 1, 1) + dt.timedelta(days=i % 20000),
            True,
        )
        for i in range(count)
    ]
    Inserter(Patient, ["id", "given_name", "family_name", "birth_date", "synthetic"]).insert(rows)
    return [first + i for i in range(count)]


def _weights(entries: list[Any], rng: random.Random) -> list[float]:
    order = list(range(len(entries)))
    rng.shuffle(order)
    return [1.0 / (1 + rank) ** 0.8 for rank in order]


def _inserters() -> dict[str, Inserter]:
    from irsuite.cases.models import Procedure, Request, TeamMember
    from irsuite.outcomes.adverse_events.models import AdverseEvent, AdverseEventGrading
    from irsuite.outcomes.devices.models import CentralLine

    return {
        "request": Inserter(
            Request,
            [
                "id",
                "patient_id",
                "site_id",
                "catalogue_entry_id",
                "indication",
                "status",
                "accession_number",
                "requested_at",
                "room_id",
            ],
        ),
        "procedure": Inserter(
            Procedure,
            [
                "id",
                "request_id",
                "room_id",
                "day",
                "start_at",
                "end_at",
                "technical_success",
                "status",
            ],
        ),
        "through": Inserter(Procedure.entries.through, ["procedure_id", "catalogueentry_id"]),
        "team": Inserter(TeamMember, ["procedure_id", "staff_id", "role"]),
        "event": Inserter(
            AdverseEvent,
            [
                "id",
                "procedure_id",
                "timing",
                "onset_date",
                "category",
                "indicator",
                "description",
                "major",
                "treatment",
                "outcome",
                "length_of_stay_hours",
            ],
        ),
        "grading": Inserter(AdverseEventGrading, ["event_id", "scale", "grade"]),
        "line": Inserter(
            CentralLine, ["patient_id", "insertion_id", "kind", "inserted_on", "removed_on"]
        ),
    }


def _team(ctx: dict[str, Any], pk: int) -> list[tuple[int, int, str]]:
    rng = ctx["rng"]
    attending = rng.choice(ctx["attendings"]).pk
    trainee = ctx["trainee_for"](rng)
    if trainee is None:
        return [(pk, attending, "attending_operator")]
    role = rng.choice(["trainee_primary", "trainee_primary", "trainee_assistant"])
    return [(pk, attending, "supervising_attending"), (pk, trainee.pk, role)]


def _chunk(ctx: dict[str, Any], start: int, size: int) -> None:
    from irsuite.outcomes.reference import device_codes

    line_placement = device_codes().line_placement

    rng, first_day, ids = ctx["rng"], ctx["first_day"], ctx["ids"]
    span = YEARS * 365
    rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in ctx["insert"]}
    for i, entry in enumerate(rng.choices(ctx["entries"], ctx["weights"], k=size)):
        n = start + i
        pk, patient = ids["procedure"] + n, rng.choice(ctx["patients"])
        day = first_day + dt.timedelta(days=n * span // ctx["total"])
        at = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
        room = ctx["rooms"][n % len(ctx["rooms"])]
        rows["request"].append(
            (
                pk,
                patient,
                room.site_id,
                entry.pk,
                "Benchmark case",
                "completed",
                f"QB{n:012d}",
                at,
                room.pk,
            )
        )
        success = rng.choices(["success", "partial", "failure"], [95, 3, 2])[0]
        rows["procedure"].append(
            (pk, pk, room.pk, day, at, at + dt.timedelta(hours=1), success, "signed")
        )
        rows["through"].append((pk, entry.pk))
        rows["team"] += _team(ctx, pk)
        for item in entry.quality or []:
            if item["kind"] == "complication" and rng.random() < float(item["threshold"]) * 0.8:
                event = ids["event"]
                ids["event"] += 1
                rows["event"].append(
                    (
                        event,
                        pk,
                        "post",
                        day,
                        "other",
                        item["indicator"],
                        "Benchmark event",
                        True,
                        "Treated",
                        "Recovered",
                        72,
                    )
                )
                rows["grading"].append((event, "sir_2017", "3"))
        if entry.code in line_placement:
            removed = day + dt.timedelta(days=rng.randint(20, 400))
            rows["line"].append(
                (
                    patient,
                    pk,
                    line_placement[entry.code].value,
                    day,
                    removed if removed < ctx["today"] else None,
                )
            )
    for name in ("request", "procedure", "through", "team", "event", "grading", "line"):
        if rows[name]:
            ctx["insert"][name].insert(rows[name])


def build(procedures: int) -> dict[str, Any]:
    """In the child: build the benchmark department once (idempotent), then the facts."""
    from django.core.management import call_command
    from django.db import transaction

    from irsuite.cases.catalogue.services import load_catalogue
    from irsuite.cases.models import CatalogueEntry, Procedure, Request, TeamMember
    from irsuite.outcomes.adverse_events.models import AdverseEvent, AdverseEventGrading
    from irsuite.outcomes.devices.models import CentralLine
    from irsuite.outcomes.quality.facts_sql import rebuild_all_facts_sql
    from irsuite.patients.models import Patient

    call_command("migrate", interactive=False, verbosity=0)
    if Procedure.objects.count() >= procedures:
        return {"built_s": 0, "facts_s": 0}
    started = time.monotonic()
    rng = random.Random(SEED)
    load_catalogue()
    with transaction.atomic():
        people = _people(rng)
    entries = list(CatalogueEntry.objects.filter(active=True).order_by("code"))
    star = people["trainees"][0]
    every = max(1, procedures // TRAINEE_CASES)
    counter = {"n": 0}

    def trainee_for(r: random.Random) -> Any:
        counter["n"] += 1
        if counter["n"] % every == 0:
            return star
        return r.choice(people["trainees"][1:]) if r.random() < 0.3 else None

    today = dt.date.today()
    ctx = {
        "rng": rng,
        "entries": entries,
        "weights": _weights(entries, rng),
        "rooms": people["rooms"],
        "attendings": people["attendings"],
        "patients": _patients(max(1000, procedures // 3)),
        "trainee_for": trainee_for,
        "first_day": today - dt.timedelta(days=YEARS * 365),
        "today": today,
        "total": procedures,
        "insert": _inserters(),
        "ids": {
            "procedure": max(next_pk(Procedure), next_pk(Request)),
            "event": next_pk(AdverseEvent),
        },
    }
    for start in range(0, procedures, CHUNK):
        with transaction.atomic():
            _chunk(ctx, start, min(CHUNK, procedures - start))
    models = [
        Patient,
        Request,
        Procedure,
        TeamMember,
        AdverseEvent,
        AdverseEventGrading,
        CentralLine,
    ]
    reset_sequences(models)
    built = time.monotonic() - started
    facts_started = time.monotonic()
    facts = rebuild_all_facts_sql()
    analyze()
    return {
        "built_s": round(built, 1),
        "facts_s": round(time.monotonic() - facts_started, 1),
        "facts": facts,
    }


# ---------------------------------------------------------------- measuring


def _join_baseline(code: str, start: dt.date, end: dt.date) -> list[tuple[str, int, int]]:
    """The indicator counts without the fact table: procedures x entries x adverse events."""
    from django.db.models import Count, Exists, OuterRef, Q

    from irsuite.cases.models import CatalogueEntry, Procedure
    from irsuite.outcomes.adverse_events.models import AdverseEvent

    entry = CatalogueEntry.objects.get(code=code)
    cases = Procedure.objects.filter(entries=entry, status="signed", day__gte=start, day__lte=end)
    rows = []
    for item in entry.quality:
        name = item["indicator"]
        if item["kind"] == "success":
            got = cases.exclude(technical_success="").aggregate(
                n=Count("pk"), events=Count("pk", filter=Q(technical_success="success"))
            )
        else:
            tagged = AdverseEvent.objects.filter(procedure=OuterRef("pk"), indicator=name)
            got = cases.annotate(hit=Exists(tagged)).aggregate(
                n=Count("pk"), events=Count("pk", filter=Q(hit=True))
            )
        rows.append((name, got["events"], got["n"]))
    return rows


def measure(n: int) -> dict[str, Any]:
    """In the child: time the pages and the baselines on the built database."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from bench.common import time_get
    from irsuite.outcomes.quality.models import QualityFact
    from irsuite.people.models import Staff

    call_command("migrate", interactive=False, verbosity=0)
    analyze()  # statistics (and, on PostgreSQL, the visibility map) as a maintained database has

    busiest = (
        QualityFact.objects.values("entry__code").annotate(c=Count("id")).order_by("-c").first()
    )
    if busiest is None:
        raise RuntimeError("The benchmark database holds no quality facts or no attending.")
    code = busiest["entry__code"]
    today = dt.date.today()
    year_ago, first = today - dt.timedelta(days=365), today - dt.timedelta(days=YEARS * 365 + 5)
    operator = Staff.objects.filter(role="attending").order_by("pk").first()
    assert operator is not None
    lead = Client()
    lead.force_login(User.objects.get(username="bench-quality-lead"))
    trainee = Client()
    trainee.force_login(User.objects.get(username="bench-trainee"))
    star = Staff.objects.get(user__username="bench-trainee")
    base = f"/outcomes/quality/?entry={code}"
    pages = {
        f"dashboard, {code}, last year": (lead, f"{base}&from={year_ago}&to={today}", "dash"),
        f"dashboard, {code}, five years": (lead, f"{base}&from={first}&to={today}", "dash"),
        f"dashboard, {code}, last year, one operator": (
            lead,
            f"{base}&from={year_ago}&to={today}&operator={operator.pk}",
            "dash",
        ),
        f"API indicators, {code}, five years": (
            lead,
            f"/api/v1/quality/indicators?catalogue={code}&from={first}&to={today}",
            "dash",
        ),
        f"case log of a trainee with {TRAINEE_CASES:,} cases": (
            trainee,
            f"/outcomes/caselog/?trainee={star.pk}",
            "caselog",
        ),
    }
    results = {
        label: {**time_get(client, url, n), "kind": kind}
        for label, (client, url, kind) in pages.items()
    }
    results["baseline: same counts by joining procedures and events, five years"] = {
        **percentiles(time_calls(lambda: _join_baseline(code, first, today), max(3, n // 10), 1)),
        "kind": "baseline",
    }
    results["baseline: login page"] = {**time_get(Client(), "/login/", n), "kind": "baseline"}
    facts = QualityFact.objects.count()
    return {"results": results, "facts": facts, "entry": code}


# ---------------------------------------------------------------- report


def _database(kind: str) -> str | None:
    name = f"bench_quality_{PROCEDURES}"
    if kind == "sqlite":
        VAR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{VAR / (name + '.sqlite3')}"
    base = postgres_url()
    return None if base is None else create_pg_database(base, name)


def _table(kind: str, measured: dict[str, Any], built: dict[str, Any]) -> list[str]:
    lines = [
        f"### {kind}",
        "",
        f"Busiest procedure: {measured['entry']}; {measured['facts']:,} quality facts. "
        f"Build: {built.get('built_s', 0)} s; fact pre-aggregation: {built.get('facts_s', 0)} s "
        "(0 when the database was already built).",
        "",
        "| measurement | p50 ms | p95 ms | n | target p95 ms | met |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, row in measured["results"].items():
        target = {"dash": DASHBOARD_TARGET_MS, "caselog": CASELOG_TARGET_MS}.get(row["kind"])
        met = "" if target is None else ("yes" if row["p95_ms"] <= target else "**no**")
        lines.append(
            f"| {label} | {row['p50_ms']} | {row['p95_ms']} | {row['n']} | "
            f"{'' if target is None else int(target)} | {met} |"
        )
    return [*lines, ""]


def run(quick: bool) -> str:
    """Measure and return the Markdown section."""
    lines = ["## Quality dashboard and case logs", ""]
    if quick:
        lines += [
            "Quick run: pure statistics only (no database).",
            "",
            "| measurement | p50 ms | p95 ms | n |",
            "|---|---:|---:|---:|",
        ]
        for label, row in _pure(200).items():
            lines.append(f"| {label} | {row['p50_ms']} | {row['p95_ms']} | {row['n']} |")
        return "\n".join(lines) + "\n"
    lines += [
        f"{PROCEDURES:,} signed procedures over {YEARS} years; every page through the whole "
        "Django stack (test client). Targets: dashboard p95 <= 500 ms, case log with "
        f"{TRAINEE_CASES:,} cases p95 <= 150 ms. Baselines: the same counts without the fact "
        "table (a join over procedures and adverse events), and the login page.",
        "",
    ]
    for kind in ("sqlite", "postgresql"):
        url = _database(kind)
        if url is None:
            lines += [f"### {kind}", "", "PostgreSQL is not installed here: not measured.", ""]
            continue
        built = in_django(url, "bench.bench_quality:build", procedures=PROCEDURES)
        measured = in_django(url, "bench.bench_quality:measure", n=60)
        lines += _table(kind, measured, built)
    pure = _pure(200)
    lines += [
        "### Pure statistics",
        "",
        "| measurement | p50 ms | p95 ms | n |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {k} | {v['p50_ms']} | {v['p95_ms']} | {v['n']} |" for k, v in pure.items()]
    return "\n".join(lines) + "\n"
