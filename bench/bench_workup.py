"""Work-up page benchmark: the pre-procedure work-up with its bleeding-risk plan.

Full run: the demo department with 100,000 procedures (SQLite), GET of the work-up page of
booked cases as an attending, through the whole Django stack (session, template, audit of the
chart view). Baselines measured in the same run: the login page (the stack's floor for a
rendered page) and the pure planner on its own.
Quick run: the pure planner and its baseline only (no database), for the smoke test.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
import tomllib
from pathlib import Path
from typing import Any

from bench.common import bench_database, in_django, percentiles, time_calls

TARGET_P95_MS = 150.0
PROCEDURES = 100_000
TOML = Path(__file__).parents[1] / "src/irsuite/reference/data/bleeding_risk.toml"


def _planner_samples(n: int) -> tuple[dict[str, float], dict[str, float]]:
    """The planner on a high-risk case with three drugs, and parsing the rules (baseline)."""
    from irsuite.domain.bleeding import Labs, Medication, PlanInput, Procedure, parse_rules, plan
    from irsuite.domain.catalogue import BleedingRiskClass

    raw = tomllib.loads(TOML.read_text(encoding="utf-8"))
    rules = parse_rules(raw)
    now = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    request = PlanInput(
        procedure=Procedure("PCN", BleedingRiskClass.HIGH, "Percutaneous nephrostomy"),
        scheduled_at=now + dt.timedelta(days=4),
        now=now,
        labs=Labs(inr=1.2, platelets_10e9_per_l=180, taken_at=now - dt.timedelta(hours=5)),
        medications=(Medication("apixaban"), Medication("Plavix"), Medication("aspirin")),
        crcl_ml_min=44.0,
    )
    planned = percentiles(time_calls(lambda: plan(request, rules), n))
    parsed = percentiles(time_calls(lambda: parse_rules(raw), max(20, n // 10)))
    return planned, parsed


def _booked_cases() -> list[int]:
    """Request ids of booked cases with a work-up (made here when the demo made none)."""
    from django.core.management import call_command
    from django.utils import timezone

    from irsuite.demo.context import DemoContext
    from irsuite.demo.safety import workup as workup_demo
    from irsuite.safety.workup.models import WorkUp

    call_command("migrate", interactive=False, verbosity=0)
    if not WorkUp.objects.exists():
        workup_demo.build(
            DemoContext(seed=11, procedures=0, now=timezone.now(), show_progress=False)
        )
    return list(
        WorkUp.objects.filter(request__scheduled_start__gt=timezone.now())
        .order_by("request__scheduled_start")
        .values_list("request_id", flat=True)[:40]
    )


def _attending_client() -> Any:
    from django.contrib.auth.models import User
    from django.test import Client

    from irsuite.people.models import Staff
    from irsuite.people.roles import StaffRole

    user, created = User.objects.get_or_create(username="bench-workup-attending")
    if created:
        Staff.objects.create(
            user=user, given_name="Bench", family_name="Attending", role=StaffRole.ATTENDING
        )
    client = Client()
    client.force_login(user)
    return client


def _time_pages(client: Any, urls: list[str], n: int, warmup: int = 10) -> list[float]:
    samples: list[float] = []
    for i in range(n + warmup):
        url = urls[i % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        if i >= warmup:
            samples.append(elapsed)
    return samples


def measure(n: int) -> dict[str, Any]:
    """In the child process: time the work-up page of booked cases and the login page."""
    from django.test import Client
    from django.urls import reverse

    from bench.common import time_get
    from irsuite.cases.models import Procedure
    from irsuite.safety.workup.models import WorkUp

    cases = _booked_cases()
    if not cases:
        raise RuntimeError("No booked case with a work-up in the benchmark database.")
    urls = [reverse("safety:workup", args=[pk]) for pk in cases]
    samples = _time_pages(_attending_client(), urls, n)
    return {
        "page": percentiles(samples),
        "page_mean_ms": round(statistics.fmean(samples), 2),
        "login": time_get(Client(), reverse("login"), n),
        "procedures": Procedure.objects.count(),
        "workups": WorkUp.objects.count(),
        "cases": len(cases),
    }


def _table(rows: list[tuple[str, dict[str, float], str]]) -> str:
    lines = ["| measurement | p50 ms | p95 ms | n | target |", "|---|---:|---:|---:|---|"]
    for name, figures, target in rows:
        lines.append(
            f"| {name} | {figures['p50_ms']} | {figures['p95_ms']} | {figures['n']} | {target} |"
        )
    return "\n".join(lines)


def run(quick: bool) -> str:
    """Measure and return the Markdown section."""
    planned, parsed = _planner_samples(200 if quick else 2000)
    rows = [
        ("bleeding-risk planner, high-risk case with 3 drugs (pure)", planned, ""),
        ("baseline: parsing the rules file (pure)", parsed, ""),
    ]
    intro = "Quick run: pure planner only; the page is measured in the full run."
    if not quick:
        url = bench_database("sqlite", PROCEDURES)
        assert url is not None
        result = in_django(url, "bench.bench_workup:measure", n=300)
        verdict = "met" if result["page"]["p95_ms"] <= TARGET_P95_MS else "NOT met"
        rows = [
            (
                f"work-up page with its plan (GET, attending, {result['cases']} booked cases)",
                result["page"],
                f"p95 <= {TARGET_P95_MS:g} ms: {verdict}",
            ),
            ("baseline: login page (GET, anonymous)", result["login"], ""),
            *rows,
        ]
        intro = (
            f"SQLite demo database with {result['procedures']:,} procedures and "
            f"{result['workups']:,} work-ups; Django test client, no network."
        )
    return "\n\n".join(["## Pre-procedure work-up", intro, _table(rows)])
