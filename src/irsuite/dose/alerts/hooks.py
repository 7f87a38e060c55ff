"""The dose area's readiness mark for the worklists (registered with cases.hooks): a patient
with an open dose alert (skin follow-up, cumulative dose) is flagged in words."""

from __future__ import annotations

from irsuite.cases.hooks import Mark, Tone, add_readiness
from irsuite.cases.models import Request
from irsuite.dose.alerts.models import AlertStatus, DoseAlert


def alert_readiness(requests: list[Request]) -> dict[int, list[Mark]]:
    """ "Dose: open alert" for requests whose patient has a dose alert not yet followed up."""
    patients = {r.patient_id for r in requests}
    alerted = set(
        DoseAlert.objects.filter(patient_id__in=patients)
        .exclude(status=AlertStatus.FOLLOW_UP_DONE)
        .values_list("patient_id", flat=True)
    )
    return {
        r.pk: [Mark("Dose", "open alert", Tone.WARN)] for r in requests if r.patient_id in alerted
    }


def register() -> None:
    add_readiness(alert_readiness)
