"""Scheduled and performed procedure steps, as the modalities see them.

A `ScheduledStep` is one worklist item (PS3.4 K.6, IHE RAD-5): the request's DICOM attributes
copied when it is scheduled, so that a modality's query reads one indexed table (room AE title
and date) and joins nothing. Its Study Instance UID is issued once and never changes.

A `PerformedStep` is one Modality Performed Procedure Step instance (PS3.4 F.7, RAD-6/RAD-7)
with its state, the steps it performed and the procedure it stamped; one that matches no
scheduled step waits for the team to link it.
"""

from __future__ import annotations

from django.db import models

from irsuite.cases.models import Procedure, Request
from irsuite.people.models import Room


class StepStatus(models.TextChoices):
    """Scheduled Procedure Step Status (0040,0020), PS3.3 C.4.10 (the values irsuite uses)."""

    SCHEDULED = "SCHEDULED", "Scheduled"
    READY = "READY", "Ready"
    STARTED = "STARTED", "Started"
    COMPLETED = "COMPLETED", "Completed"
    DISCONTINUED = "DISCONTINUED", "Discontinued"
    CANCELLED = "CANCELLED", "Cancelled"


class PregnancyStatus(models.IntegerChoices):
    """Pregnancy Status (0010,21C0), PS3.3 C.7.1.4."""

    NOT_PREGNANT = 1, "Not pregnant"
    POSSIBLY_PREGNANT = 2, "Possibly pregnant"
    DEFINITELY_PREGNANT = 3, "Definitely pregnant"
    UNKNOWN = 4, "Unknown"


class ScheduledStep(models.Model):
    """One Scheduled Procedure Step of a request, with what a modality needs denormalised."""

    request = models.OneToOneField(Request, on_delete=models.PROTECT, related_name="scheduled_step")
    study_instance_uid = models.CharField(max_length=64, unique=True)  # (0020,000D), Type 1
    sps_id = models.CharField(max_length=16, unique=True)  # (0040,0009)
    accession_number = models.CharField(max_length=16, db_index=True)  # (0008,0050)
    requested_procedure_id = models.CharField(max_length=16)  # (0040,1001)
    description = models.CharField(max_length=64)  # (0032,1060) and (0040,0007)
    code_value = models.CharField(max_length=32)  # (0032,1064) item: Code Value
    code_scheme = models.CharField(max_length=16)  # Coding Scheme Designator
    code_meaning = models.CharField(max_length=64)  # Code Meaning
    station_ae_title = models.CharField(max_length=16, blank=True)  # (0040,0001)
    station_name = models.CharField(max_length=16, blank=True)  # (0040,0010)
    modality = models.CharField(max_length=16)  # (0008,0060)
    start_date = models.DateField()  # (0040,0002), local date
    start_time = models.TimeField(null=True, blank=True)  # (0040,0003), local time
    performing_physician = models.CharField(max_length=64, blank=True)  # (0040,0006) PN
    patient_name = models.CharField(max_length=194)  # (0010,0010) PN, Family^Given
    patient_id = models.CharField(max_length=64)  # (0010,0020)
    issuer_of_patient_id = models.CharField(max_length=64, blank=True)  # (0010,0021)
    birth_date = models.DateField(null=True, blank=True)  # (0010,0030)
    sex = models.CharField(max_length=1, blank=True)  # (0010,0040)
    allergies = models.CharField(max_length=64, blank=True)  # (0010,2110)
    pregnancy_status = models.PositiveSmallIntegerField(
        choices=PregnancyStatus.choices, null=True, blank=True
    )  # (0010,21C0)
    status = models.CharField(
        max_length=12, choices=StepStatus.choices, default=StepStatus.SCHEDULED
    )
    on_worklist = models.BooleanField(default=True)
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.PROTECT, related_name="scheduled_steps"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "interop"
        ordering = ["start_date", "start_time", "pk"]
        indexes = [
            # A modality's query: its AE title and a day, on the worklist only.
            models.Index(
                fields=["station_ae_title", "start_date", "start_time"],
                condition=models.Q(on_worklist=True),
                name="sps_station_day_idx",
            ),
            models.Index(fields=["patient_id"], name="sps_patient_idx"),
            models.Index(fields=["start_date", "on_worklist"], name="sps_day_idx"),
        ]

    def __str__(self) -> str:
        return f"SPS {self.sps_id} {self.start_date}"


class PpsStatus(models.TextChoices):
    """Performed Procedure Step Status (0040,0252), PS3.3 C.4.14."""

    IN_PROGRESS = "IN PROGRESS", "In progress"
    COMPLETED = "COMPLETED", "Completed"
    DISCONTINUED = "DISCONTINUED", "Discontinued"


FINAL_PPS_STATUSES = frozenset({PpsStatus.COMPLETED, PpsStatus.DISCONTINUED})


class MatchedBy(models.TextChoices):
    """How a performed step found its scheduled step(s) (IHE RAD-6 order of preference)."""

    SPS = "sps", "Referenced scheduled step"
    ACCESSION = "accession", "Accession number"
    STUDY_UID = "study_uid", "Study Instance UID"
    HAND = "hand", "Linked by the team"
    NONE = "", "Unmatched"


class PerformedStep(models.Model):
    """One MPPS instance received from a modality."""

    sop_instance_uid = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=12, choices=PpsStatus.choices)
    calling_ae_title = models.CharField(max_length=16)
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.PROTECT, related_name="performed_steps"
    )
    station_name = models.CharField(max_length=16, blank=True)  # (0040,0242)
    modality = models.CharField(max_length=16, blank=True)  # (0008,0060)
    pps_id = models.CharField(max_length=16, blank=True)  # (0040,0253)
    description = models.CharField(max_length=64, blank=True)  # (0040,0254)
    day = models.DateField(db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)  # (0040,0244/0245)
    ended_at = models.DateTimeField(null=True, blank=True)  # (0040,0250/0251)
    discontinuation_reason = models.CharField(max_length=64, blank=True)  # (0040,0281)
    # What the modality said the step was for, kept to link it when nothing matched.
    study_instance_uid = models.CharField(max_length=64, blank=True)
    accession_number = models.CharField(max_length=16, blank=True)
    patient_name = models.CharField(max_length=194, blank=True)
    patient_id = models.CharField(max_length=64, blank=True)
    series_count = models.PositiveIntegerField(default=0)  # (0040,0340) items
    image_count = models.PositiveIntegerField(default=0)
    matched_by = models.CharField(max_length=10, choices=MatchedBy.choices, blank=True)
    steps = models.ManyToManyField(ScheduledStep, related_name="performed_steps", blank=True)
    procedure = models.ForeignKey(
        Procedure,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="performed_steps",
    )
    # Why the procedure could not be started from this step, shown to the team. A refused
    # N-CREATE is kept (not accepted) so that the team sees it; the modality may send it again.
    start_problem = models.TextField(blank=True)
    accepted = models.BooleanField(default=True)
    # The procedure times this step wrote, to tell them from typed ones.
    stamped = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "interop"
        ordering = ["-day", "-created_at"]
        indexes = [models.Index(fields=["room", "day"], name="pps_room_day_idx")]

    def __str__(self) -> str:
        return f"MPPS {self.pps_id or self.pk} {self.get_status_display()}"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_PPS_STATUSES


__all__ = [
    "FINAL_PPS_STATUSES",
    "MatchedBy",
    "PerformedStep",
    "PpsStatus",
    "PregnancyStatus",
    "ScheduledStep",
    "StepStatus",
]
