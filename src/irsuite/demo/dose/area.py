"""Demo hook: real RDSR files for the demo's fluoroscopy and CT-guided cases, imported through
the same path as files from a modality (a few are over the SRDL).

Every such procedure up to today gets a report. Writing a report with pydicom and reading it
back are pure work on bytes, so they run in worker processes (the pipeline `irsuite import-rdsr
--workers` uses) while this process stores the reports already read, in batches of one
transaction each. Each report draws from its own random generator, seeded from the demo seed
and the procedure, so the files are the same whichever worker writes them, and whichever run:
when `irsuite demo` serves, this runs as a background task (`demo.dose.tasks`) that may be
killed and run again; a second run skips the procedures that already have their report and
any file it writes again is recognised as a duplicate.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.db import transaction
from django.utils import timezone

from irsuite.cases.models import Procedure
from irsuite.demo.context import DemoContext
from irsuite.domain.rdsr import DoseReport, RdsrError
from irsuite.dose.importing.pipeline import chunks, in_order
from irsuite.dose.importing.services import parse, store_parsed
from irsuite.dose.importing.synthetic import Header, ct_report, projection_report, random_exposures
from irsuite.patients.services import mrn_at
from irsuite.processes import die_with_parent

# Typical synthetic KAP per catalogue family (Gy·cm²): demo data, not reference values.
FAMILY_KAP = {
    "embolisation": 120.0,
    "arterial": 70.0,
    "portal_hypertension": 150.0,
    "venous": 30.0,
    "interventional_oncology": 60.0,
    "non_vascular": 15.0,
    "venous_access": 1.5,
}
# Ordinary demo cases stay under every substantial radiation dose level; one case in HOT_EVERY
# is deliberately over it, to show the alert path.
ORDINARY_MAX_KAP = 450.0
QUICK_REPORTS, HOT_EVERY = 12, 500
# Below this many reports a worker pool costs more than it saves.
# A batch of 20 reports holds SQLite's write lock for about a second: the listeners and the
# pages writing beside the task wait far less than their 10 s busy timeout.
POOL_FROM, JOBS_PER_TASK, STORE_BATCH = 200, 40, 20


@dataclass(frozen=True)
class Job:
    """What a worker needs to write one procedure's report (no database access)."""

    seed: str
    accession: str
    patient_id: str
    when: dt.datetime
    station: str
    fluoro: bool
    median_kap: float
    hot: bool


Written = tuple[bytes, DoseReport | RdsrError]


def _candidates(ctx: DemoContext) -> list[Procedure]:
    procedures = (
        Procedure.objects.filter(day__lte=ctx.today)
        .select_related("request__catalogue_entry", "request__patient", "room__site")
        .prefetch_related("request__patient__identifiers")
        .order_by("-day", "pk")
    )
    chosen = []
    for procedure in procedures.iterator(chunk_size=2000):
        entry = procedure.request.catalogue_entry
        if entry.fluoro_dose_expected or "ct" in (entry.guidance or []):
            chosen.append(procedure)
            if ctx.quick and len(chosen) >= QUICK_REPORTS:
                break
    return chosen


def _job(procedure: Procedure, index: int, base_seed: int) -> Job:
    entry = procedure.request.catalogue_entry
    start = procedure.start_at or timezone.make_aware(
        dt.datetime.combine(procedure.day, dt.time(9, 0))
    )
    return Job(
        seed=f"{base_seed}:{procedure.pk}",
        accession=procedure.request.accession_number,
        patient_id=mrn_at(procedure.request.patient, procedure.room.site),
        when=timezone.localtime(start).replace(tzinfo=None),
        station=procedure.room.ae_title,
        fluoro=bool(entry.fluoro_dose_expected),
        median_kap=FAMILY_KAP.get(entry.family, 40.0),
        hot=index % HOT_EVERY == HOT_EVERY - 1,
    )


def write(job: Job) -> bytes:
    """The RDSR file of one job (deterministic for the job's seed)."""
    rng = random.Random(job.seed)

    def uid() -> str:
        return f"2.25.{rng.getrandbits(96)}"

    header = Header(
        study_uid=uid(),
        accession=job.accession if rng.random() > 0.08 else "",
        patient_id=job.patient_id,
        when=job.when,
        station=job.station,
        model="Demo Angio" if job.fluoro else "Demo CT",
    )
    if not job.fluoro:
        scans = [
            (header.when, rng.uniform(5, 15), rng.uniform(40, 250), rng.uniform(60, 200))
            for _ in range(rng.randint(2, 6))
        ]
        return ct_report(header, scans, uid)
    kap = min(rng.lognormvariate(0, 0.6) * job.median_kap, ORDINARY_MAX_KAP)
    if job.hot:
        kap = rng.uniform(800, 1200)
    exposures = random_exposures(rng, header.when, kap, rng.randint(3, 12))
    return projection_report(header, exposures, uid)


def write_and_read(jobs: list[Job]) -> list[Written]:
    """Worker: write each job's file and read it back as the import would."""
    written = []
    for job in jobs:
        data = write(job)
        written.append((data, parse(data)))
    return written


def _written(jobs: list[Job]) -> Iterator[Written]:
    """Each job's file and parsed report, in order; in worker processes when there are many."""
    workers = min(2, os.cpu_count() or 1)
    if len(jobs) < POOL_FROM or workers < 2:
        yield from write_and_read(jobs)
        return
    # The demo process holds the whole department built so far: keep those objects out of the
    # garbage collector's scans, here and in the forked workers (whose pages stay shared).
    gc.collect()
    gc.freeze()
    try:
        tasks = chunks(jobs, JOBS_PER_TASK)
        parent = (os.getpid(),)  # a worker killed mid-task takes its writers along
        for written in in_order(
            write_and_read, tasks, workers, initializer=die_with_parent, initargs=parent
        ):
            yield from written
    finally:
        gc.unfreeze()


Stored = Callable[[int, int], None]


def _noop(done: int, total: int) -> None:
    return None


def build(ctx: DemoContext, stored: Stored = _noop) -> None:
    """Write and import an RDSR file for every fluoroscopy and CT-guided demo procedure so far
    that has none yet; `stored(done, total)` after each batch."""
    procedures = _candidates(ctx)
    base_seed = random.Random(f"{ctx.seed}:dose").getrandbits(64)
    jobs = [_job(procedure, index, base_seed) for index, procedure in enumerate(procedures)]
    has_report = set(
        Procedure.objects.filter(dose_studies__isnull=False).values_list("pk", flat=True)
    )
    todo = [(p, job) for p, job in zip(procedures, jobs, strict=True) if p.pk not in has_report]
    done, total = len(jobs) - len(todo), len(jobs)
    stored(done, total)
    results = ctx.progress(_written([job for _, job in todo]), "dose reports", len(todo))
    pairs = zip([p for p, _ in todo], results, strict=True)
    while batch := list(islice(pairs, STORE_BATCH)):
        with transaction.atomic():
            for procedure, (data, parsed) in batch:
                store_parsed(
                    data,
                    parsed,
                    filename=f"demo-{procedure.pk}.dcm",
                    source="demo",
                    ae_title=procedure.room.ae_title,
                )
        done += len(batch)
        stored(done, total)
