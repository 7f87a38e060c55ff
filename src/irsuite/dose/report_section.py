"""Gives the structured report its radiation dose section from the linked dose studies."""

from __future__ import annotations

from typing import Any

from irsuite.cases.models import Procedure
from irsuite.dose.alerts.models import DoseAlert
from irsuite.dose.studies.models import DoseStudy

SUMMED = ("ka_r_mgy", "kap_gycm2", "fluoro_time_s", "acquisition_time_s", "dlp_mgycm")


def dose_for_report(procedure: Procedure) -> dict[str, Any] | None:
    """The procedure's dose totals (summed over its linked studies) and any alerts, or None."""
    studies = list(DoseStudy.objects.filter(procedure=procedure))
    if not studies:
        return None
    dose: dict[str, Any] = {}
    for key in SUMMED:
        values = [getattr(s, key) for s in studies if getattr(s, key) is not None]
        if values:
            dose[key] = round(sum(values), 4)
    alerts = DoseAlert.objects.filter(study__in=studies).order_by("raised_at")
    dose["alerts"] = [f"Dose alert: {a.sentence}." for a in alerts]
    return dose
