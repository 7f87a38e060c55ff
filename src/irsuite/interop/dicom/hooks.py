"""What the DICOM adapter registers with the case record: the worklist follows each request
(schedule hooks and transition guards) and each patient (the patients change hook: a rename,
a new identifier, a merge), and the procedure page shows where its times came from."""

from __future__ import annotations

from irsuite.cases import hooks
from irsuite.cases.models import RequestStatus
from irsuite.interop.dicom.panels import procedure_times_panel
from irsuite.interop.dicom.worklist.services import on_schedule, on_transition, refresh_patient
from irsuite.patients import hooks as patient_hooks


def register() -> None:
    """Keep the scheduled steps in step with their requests; add the times panel."""
    hooks.add_schedule_hook(on_schedule)
    patient_hooks.add_change_hook(refresh_patient)
    for status in RequestStatus.values:
        hooks.add_transition_guard(status, on_transition)
    hooks.add_panel(
        hooks.PROCEDURE_PANELS,
        hooks.Panel(
            "dicom_times", "interop/dicom/times_panel.html", procedure_times_panel, order=15
        ),
    )
