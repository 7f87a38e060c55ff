"""Worklist page and procedures API on a 100,000-procedure database, SQLite and PostgreSQL.

Baseline (same run): the same procedures page serialised with plain lazy ORM access, with no
select_related / prefetch_related, as a first version of the API would do it.
"""

from __future__ import annotations

from typing import Any

from bench.common import bench_database, in_django, percentiles, time_calls, time_get

TARGET_MS = 150


def measure(requests: int) -> dict[str, Any]:
    """Runs inside Django: p50/p95 of the worklist page and the procedures API."""
    from django.contrib.auth.models import User
    from django.db.models import Count
    from django.test import Client

    from irsuite.cases.models import Procedure
    from irsuite.cases.procedures.schemas import ProcedureOut, procedure_out
    from irsuite.people.tokens import issue_token

    busiest = Procedure.objects.values("day").annotate(n=Count("id")).order_by("-day").first()
    assert busiest is not None
    day = busiest["day"].isoformat()
    nurse = Client()
    nurse.force_login(User.objects.get(username="nurse"))
    token = issue_token(User.objects.get(username="attending"))
    api = Client(headers={"Authorization": f"Bearer {token}"})
    api_url = (
        f"/api/v1/procedures?limit=50&site=sbh&status=signed&date_from=2000-01-01&date_to={day}"
    )

    def naive() -> None:
        rows = Procedure.objects.filter(room__site__code="sbh", status="signed").order_by(
            "-day", "-start_at", "-pk"
        )[:50]
        [ProcedureOut(**procedure_out(p, True)).model_dump() for p in rows]
        Procedure.objects.filter(room__site__code="sbh", status="signed").count()

    return {
        "procedures": Procedure.objects.count(),
        "worklist": time_get(nurse, f"/cases/worklist/?date={day}", requests),
        "api": time_get(api, api_url, requests),
        "baseline_api": percentiles(time_calls(naive, max(20, requests // 5))),
    }


def run(quick: bool = False) -> str:
    size, requests = (300, 20) if quick else (100_000, 200)
    rows = []
    for kind in ("sqlite", "postgresql"):
        url = bench_database(kind, size)
        if url is None:
            rows.append(f"| {kind} | PostgreSQL is not installed here | | | | | |")
            continue
        result = in_django(url, "bench.bench_foundation:measure", requests=requests)
        w, a, b = result["worklist"], result["api"], result["baseline_api"]
        verdict = "yes" if max(w["p95_ms"], a["p95_ms"]) <= TARGET_MS else "no"
        rows.append(
            f"| {kind} | {result['procedures']:,} | {w['p50_ms']} / {w['p95_ms']} | "
            f"{a['p50_ms']} / {a['p95_ms']} | {b['p50_ms']} / {b['p95_ms']} | {verdict} |"
        )
    return "\n".join(
        [
            "## Worklist and procedures API (foundation)",
            "",
            f"{requests} requests each through the whole Django stack (test client, no network), "
            "after 5 warm-up requests. Worklist: `/cases/worklist/?date=<the busiest recent day>` "
            "as a nurse. API: `GET /api/v1/procedures?limit=50&site=sbh&status=signed"
            "&date_from&date_to` "
            "with a bearer token. Baseline: the same 50 procedures serialised with lazy ORM access "
            "(no select_related/prefetch), measured in the same run.",
            "",
            "| database | procedures | worklist p50 / p95 ms | API p50 / p95 ms "
            "| baseline API p50 / p95 ms | p95 ≤ 150 ms |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
    )
