"""Demo hook: real RDSR files for the demo's fluoroscopy and CT-guided cases, imported through
the same path as files from a modality (a few are over the SRDL)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from irsuite.cases.models import Procedure
from irsuite.demo.context import DemoContext
from irsuite.dose.services_import import import_rdsr
from irsuite.dose.synthetic import Header, ct_report, projection_report, random_exposures
from irsuite.patients.services import mrn_at

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
MAX_REPORTS, QUICK_REPORTS, HOT_EVERY = 120, 12, 40


def _candidates(ctx: DemoContext) -> list[Procedure]:
    procedures = (
        Procedure.objects.filter(day__lte=ctx.today)
        .select_related("request__catalogue_entry", "request__patient", "room__site")
        .order_by("-day", "pk")
    )
    wanted = QUICK_REPORTS if ctx.quick else MAX_REPORTS
    chosen = []
    for procedure in procedures.iterator(chunk_size=500):
        entry = procedure.request.catalogue_entry
        if entry.fluoro_dose_expected or "ct" in (entry.guidance or []):
            chosen.append(procedure)
        if len(chosen) >= wanted:
            break
    return chosen


def _report(ctx: DemoContext, procedure: Procedure, index: int) -> bytes:
    entry, rng = procedure.request.catalogue_entry, ctx.rng
    start = procedure.start_at or timezone.make_aware(
        dt.datetime.combine(procedure.day, dt.time(9, 0))
    )
    accession = procedure.request.accession_number if rng.random() > 0.08 else ""
    header = Header(
        study_uid=f"2.25.{rng.getrandbits(96)}",
        accession=accession,
        patient_id=mrn_at(procedure.request.patient, procedure.room.site),
        when=timezone.localtime(start).replace(tzinfo=None),
        station=procedure.room.ae_title,
        model="Demo CT" if not entry.fluoro_dose_expected else "Demo Angio",
    )
    if not entry.fluoro_dose_expected:
        scans = [
            (header.when, rng.uniform(5, 15), rng.uniform(40, 250), rng.uniform(60, 200))
            for _ in range(rng.randint(2, 6))
        ]
        return ct_report(header, scans)
    median = FAMILY_KAP.get(entry.family, 40.0)
    kap = rng.lognormvariate(0, 0.6) * median
    if index % HOT_EVERY == HOT_EVERY - 1:
        kap = rng.uniform(800, 1200)  # a few cases over the SRDL, to show the alert path
    return projection_report(header, random_exposures(rng, header.when, kap, rng.randint(3, 12)))


def build(ctx: DemoContext) -> None:
    """Write and import RDSR files for recent fluoroscopy and CT-guided demo procedures."""
    procedures = _candidates(ctx)
    for index, procedure in enumerate(ctx.progress(procedures, "dose reports", len(procedures))):
        data = _report(ctx, procedure, index)
        import_rdsr(
            data,
            filename=f"demo-{procedure.pk}.dcm",
            source="demo",
            ae_title=procedure.room.ae_title,
        )
