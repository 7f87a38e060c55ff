"""Cases the journeys start from, built through the services as the department would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from irsuite.cases.models import TechnicalSuccess
from irsuite.cases.requests import services
from irsuite.safety.report import services as report_services

SECTIONS = {
    "consent": "Written consent obtained.",
    "time_out": "Time-out performed.",
    "findings": "Dilated left collecting system; 10 Fr nephrostomy placed.",
    "complications": "None immediate.",
    "radiation_dose": "Reference air kerma 40 mGy.",
    "impression": "Successful left nephrostomy.",
}


def finish_and_sign(procedure: Any, attending: Any) -> Any:
    """Times and success recorded, the report written and signed by the attending."""
    now = timezone.now()
    services.update_procedure(
        procedure,
        by=attending,
        version=procedure.version,
        fields={
            "start_at": now - dt.timedelta(hours=1),
            "end_at": now - dt.timedelta(minutes=10),
            "technical_success": TechnicalSuccess.SUCCESS,
            "disposition": "ward",
        },
    )
    procedure.refresh_from_db()
    report = report_services.open_report(procedure, by=attending)
    report = report_services.edit_report(report, sections=SECTIONS, by=attending)
    report_services.sign_report(report, by=attending)
    procedure.refresh_from_db()
    return procedure
