from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_init


class PatientsConfig(AppConfig):
    name = "irsuite.patients"
    verbose_name = "Patients"

    def ready(self) -> None:
        from irsuite.patients.models import Patient, PatientIdentifier

        post_init.connect(_note_patient_read, sender=Patient, dispatch_uid="patient-read-audit")
        post_init.connect(
            _note_identifier_read, sender=PatientIdentifier, dispatch_uid="mrn-read-audit"
        )


def _note_patient_read(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Every patient row loaded while a request is served is a read of identified data: the
    read-audit middleware records it once the response succeeds (pages, PDFs, API, exports,
    the admin alike), so no view has to remember to say so."""
    from irsuite.audit.reads import note_patients

    if instance.pk is not None:
        note_patients([instance.pk])


def _note_identifier_read(sender: Any, instance: Any, **kwargs: Any) -> None:
    """An MRN loaded on its own is as identifying as the patient row."""
    from irsuite.audit.reads import note_patients

    if instance.patient_id is not None:
        note_patients([instance.patient_id])
