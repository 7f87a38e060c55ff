"""Dose studies as their reports describe them: device, study totals, planes, events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.formats import date_format

from irsuite.cases.models import Procedure
from irsuite.patients.models import Patient
from irsuite.people.models import Room


class ReportKind(models.TextChoices):
    PROJECTION_XRAY = "projection_xray", "Projection X-ray (fluoroscopy)"
    CT = "ct", "CT"


class LinkMethod(models.TextChoices):
    NONE = "", "Not linked"
    ACCESSION = "accession", "Accession number"
    PATIENT_DATE_ROOM = "patient_date_room", "Patient, date and room"
    MANUAL = "manual", "Linked by hand"


class Device(models.Model):
    """An irradiating device as its reports describe it (TID 1004 device observer)."""

    manufacturer = models.CharField(max_length=64, blank=True)
    model_name = models.CharField(max_length=64, blank=True)
    station_name = models.CharField(max_length=64, blank=True)
    serial_number = models.CharField(max_length=64, blank=True)
    observer_uid = models.CharField(max_length=64, blank=True)
    ae_title = models.CharField(max_length=16, blank=True)
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="dose_devices"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["manufacturer", "model_name", "serial_number", "station_name"],
                name="dose_device_identity",
            )
        ]

    def __str__(self) -> str:
        return f"{self.manufacturer} {self.model_name} ({self.station_name or self.serial_number})"


class DoseStudy(models.Model):
    """The dose of one imaging study (one Study Instance UID), from one or more reports."""

    study_instance_uid = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=16, choices=ReportKind.choices)
    accession_number = models.CharField(max_length=16, blank=True, db_index=True)
    reported_patient_id = models.CharField(max_length=64, blank=True)
    study_date = models.DateField(null=True, blank=True, db_index=True)
    study_time = models.TimeField(null=True, blank=True)
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="studies")
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="dose_studies"
    )
    patient = models.ForeignKey(
        Patient, null=True, blank=True, on_delete=models.PROTECT, related_name="dose_studies"
    )
    procedure = models.ForeignKey(
        Procedure, null=True, blank=True, on_delete=models.SET_NULL, related_name="dose_studies"
    )
    link_method = models.CharField(
        max_length=20, choices=LinkMethod.choices, blank=True, default=LinkMethod.NONE
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(null=True, blank=True)
    event_count = models.PositiveIntegerField(default=0)
    kap_gycm2 = models.FloatField(null=True, blank=True)
    ka_r_mgy = models.FloatField(null=True, blank=True)
    fluoro_kap_gycm2 = models.FloatField(null=True, blank=True)
    acquisition_kap_gycm2 = models.FloatField(null=True, blank=True)
    fluoro_time_s = models.FloatField(null=True, blank=True)
    acquisition_time_s = models.FloatField(null=True, blank=True)
    radiographic_frames = models.PositiveIntegerField(null=True, blank=True)
    dlp_mgycm = models.FloatField(null=True, blank=True)
    # Estimated peak skin dose: not computed from RDSR geometry yet; a physicist may enter it.
    peak_skin_dose_mgy = models.FloatField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-study_date", "-study_time", "-pk"]
        verbose_name_plural = "dose studies"
        indexes = [models.Index(fields=["patient", "study_date"], name="dose_patient_date_idx")]

    def __str__(self) -> str:
        day = date_format(self.study_date) if self.study_date else "an unknown date"
        return f"{self.get_kind_display()} study of {day}"


class DoseReportObject(models.Model):
    """One RDSR object received (its SOP Instance UID makes a second copy a duplicate)."""

    study = models.ForeignKey(DoseStudy, on_delete=models.CASCADE, related_name="reports")
    sop_instance_uid = models.CharField(max_length=64, unique=True)
    sop_class_uid = models.CharField(max_length=64)
    event_count = models.PositiveIntegerField()
    source = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sop_instance_uid


class DevicePlane(models.Model):
    """Accumulated dose of one acquisition plane (TID 10002 with TID 10004)."""

    study = models.ForeignKey(DoseStudy, on_delete=models.CASCADE, related_name="planes")
    plane = models.CharField(max_length=16)
    kap_gycm2 = models.FloatField(null=True, blank=True)
    ka_r_mgy = models.FloatField(null=True, blank=True)
    fluoro_kap_gycm2 = models.FloatField(null=True, blank=True)
    acquisition_kap_gycm2 = models.FloatField(null=True, blank=True)
    fluoro_ka_r_mgy = models.FloatField(null=True, blank=True)
    acquisition_ka_r_mgy = models.FloatField(null=True, blank=True)
    fluoro_time_s = models.FloatField(null=True, blank=True)
    acquisition_time_s = models.FloatField(null=True, blank=True)
    radiographic_frames = models.PositiveIntegerField(null=True, blank=True)
    reference_point = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["study", "plane"], name="dose_plane_once")]

    def __str__(self) -> str:
        return self.plane


class IrradiationEvent(models.Model):  # TID 10003 (projection) / TID 10013 (CT acquisition)
    """One irradiation event."""

    study = models.ForeignKey(DoseStudy, on_delete=models.CASCADE, related_name="events")
    uid = models.CharField(max_length=64)
    event_type = models.CharField(max_length=32)
    plane = models.CharField(max_length=16, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    protocol = models.CharField(max_length=200, blank=True)
    target_region = models.CharField(max_length=100, blank=True)
    kap_gycm2 = models.FloatField(null=True, blank=True)
    ka_r_mgy = models.FloatField(null=True, blank=True)
    irradiation_duration_s = models.FloatField(null=True, blank=True)
    kvp = models.FloatField(null=True, blank=True)
    tube_current_ma = models.FloatField(null=True, blank=True)
    pulse_rate_per_s = models.FloatField(null=True, blank=True)
    number_of_pulses = models.FloatField(null=True, blank=True)
    primary_angle_deg = models.FloatField(null=True, blank=True)
    secondary_angle_deg = models.FloatField(null=True, blank=True)
    field_area_cm2 = models.FloatField(null=True, blank=True)
    source_detector_distance_mm = models.FloatField(null=True, blank=True)
    ctdivol_mgy = models.FloatField(null=True, blank=True)
    dlp_mgycm = models.FloatField(null=True, blank=True)
    scan_length_mm = models.FloatField(null=True, blank=True)
    exposure_time_s = models.FloatField(null=True, blank=True)
    phantom = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["study", "uid"], name="dose_event_uid_once")]

    def __str__(self) -> str:
        return f"{self.event_type} {self.uid}"
