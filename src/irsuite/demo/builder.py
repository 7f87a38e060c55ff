"""Build the whole demo department: base records, then each area's demo hook."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.cases.catalogue.services import load_catalogue
from irsuite.cases.models import CatalogueEntry
from irsuite.demo.cases import CaseWriter, Team, build_history, build_patients
from irsuite.demo.context import DemoContext
from irsuite.demo.current import build_current
from irsuite.demo.people import build_people
from irsuite.demo.plan import CaseMix
from irsuite.people.models import Site

AREA_HOOKS = ["scheduling", "safety", "dose", "outcomes", "dicom", "hl7"]


class DemoAlreadyBuilt(RuntimeError):
    """The database already holds a department; the demo never overwrites one."""


def area_hooks() -> list[tuple[str, Callable[[DemoContext], None]]]:
    """The `build(ctx)` function of each area's demo (`irsuite.demo.<area>.area`), in order."""
    return [
        (area, importlib.import_module(f"irsuite.demo.{area}.area").build) for area in AREA_HOOKS
    ]


def build_demo(
    ctx: DemoContext,
    say: Callable[[str], None] = print,
    areas: bool = True,
    later: frozenset[str] = frozenset(),
) -> DemoContext:
    """Build the demo department into an empty database (`areas=False`: base records only;
    the areas in `later` are left to a background task, see `enqueue_later`)."""
    if Site.objects.exists():
        raise DemoAlreadyBuilt(
            "This database already holds a department. Use a new database (delete "
            "var/irsuite.sqlite3, or point DATABASE_URL elsewhere) or `irsuite demo --rebuild`."
        )
    started = time.monotonic()
    load_catalogue()
    ctx.now = ctx.now or timezone.now()
    with transaction.atomic():
        build_people(ctx)
    entries = list(CatalogueEntry.objects.filter(active=True))
    mix = CaseMix(entries, ctx.rooms, ctx.rng)
    patients = build_patients(ctx, max(40, int(ctx.procedures / 1.6)))
    writer = CaseWriter(ctx, Team.of(ctx))
    build_history(ctx, mix, patients, writer)
    build_current(ctx, mix, patients, writer)
    _advance_sequences()
    say(f"  base department: {ctx.procedures} procedures in {time.monotonic() - started:.1f} s")
    for area, hook in area_hooks() if areas else []:
        if area in later:
            continue
        area_started = time.monotonic()
        hook(ctx)
        say(f"  {area}: {time.monotonic() - area_started:.1f} s")
    record(
        None,
        AuditAction.CREATE,
        object_type="demo",
        object_id=str(ctx.seed),
        summary=f"demo department built ({ctx.procedures} procedures, seed {ctx.seed})",
        channel="cli",
    )
    return ctx


def _advance_sequences() -> None:
    """The case writer gives patients, requests and procedures their keys itself; on
    PostgreSQL each table's key sequence is moved past them, so that the next record made the
    usual way (a procedure started by the modality, a patient from the EHR) gets a free key.
    SQLite needs nothing: its next key follows the largest one."""
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def enqueue_later(ctx: DemoContext) -> str:
    """Queue the demo's dose reports for a worker (the web pages show its progress)."""
    from irsuite.background import enqueue
    from irsuite.demo.dose.tasks import LABEL, fill_dose

    return enqueue(
        fill_dose,
        ctx.seed,
        ctx.procedures,
        ctx.now.isoformat(),
        label=LABEL,
        by=None,
        shared=True,
    )
