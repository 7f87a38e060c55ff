"""Rooms' availability and bookings.

A booking reserves a room, a patient and (when named) an operator for a stretch of time. The
database itself refuses two overlapping bookings of the same room, patient or operator: an
exclusion constraint on PostgreSQL, a trigger on SQLite (see migration 0002's ``overlap`` SQL).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from irsuite.cases.models import Request
from irsuite.domain.booking import RoomCapability as DomainCapability
from irsuite.patients.models import Patient
from irsuite.people.models import Room, Staff


class Capability(models.TextChoices):
    """What a suite can do (the catalogue's ``room_capability``)."""

    ANGIO = DomainCapability.ANGIO.value, "Angiography"
    FLUOROSCOPY = DomainCapability.FLUOROSCOPY.value, "Fluoroscopy"
    CT = DomainCapability.CT.value, "CT"
    US = DomainCapability.US.value, "Ultrasound"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class RoomCapability(models.Model):
    """One capability of one room (an angio suite usually also has fluoroscopy and US)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="capabilities")
    capability = models.CharField(max_length=12, choices=Capability.choices)

    class Meta:
        ordering = ["room", "capability"]
        constraints = [
            models.UniqueConstraint(fields=["room", "capability"], name="room_capability_once")
        ]
        verbose_name_plural = "room capabilities"

    def __str__(self) -> str:
        return f"{self.room.code}: {self.get_capability_display()}"


class WeeklyWindow(models.Model):
    """Hours on one weekday, every week."""

    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        abstract = True
        ordering = ["weekday", "start"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"


def _ends_after_start(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name=name)


class OpeningHours(WeeklyWindow):
    """When a room is staffed for elective lists."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="opening_hours")

    class Meta(WeeklyWindow.Meta):
        verbose_name_plural = "opening hours"
        constraints = [_ends_after_start("opening_hours_end_after_start")]


class RecurringBlock(WeeklyWindow):
    """Room time kept for one service's list (e.g. the oncology list on Tuesday mornings)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="blocks")
    service = models.SlugField(max_length=40, help_text="Service that owns the list, e.g. oncology")
    label = models.CharField(max_length=100, blank=True)

    class Meta(WeeklyWindow.Meta):
        constraints = [_ends_after_start("recurring_block_end_after_start")]


class AnaesthesiaSession(WeeklyWindow):
    """When an anaesthesia team works with a room."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="anaesthesia_sessions")

    class Meta(WeeklyWindow.Meta):
        constraints = [_ends_after_start("anaesthesia_session_end_after_start")]


class OperatorSession(WeeklyWindow):
    """When an operator does lists in the suites. An operator with none is available whenever
    a room is open."""

    operator = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="ir_sessions")

    class Meta(WeeklyWindow.Meta):
        constraints = [_ends_after_start("operator_session_end_after_start")]


class RequestNeeds(models.Model):
    """What a vetted request needs beyond its catalogue entry: a named operator, anaesthesia,
    a service's list, a different length."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="needs")
    operator = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    anaesthesia = models.BooleanField(null=True, blank=True, help_text="Empty: as the catalogue")
    service = models.SlugField(max_length=40, blank=True)
    duration_min = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "request needs"

    def __str__(self) -> str:
        return f"needs of {self.request}"


class BookingKind(models.TextChoices):
    PLANNED = "planned", "Planned"
    ADD_ON = "add_on", "Emergency add-on"


class Booking(models.Model):
    """A request's room and time. Patient and operator are copied here so that the database
    can refuse overlapping bookings of either."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, related_name="booking")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings")
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="bookings")
    operator = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="bookings"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    anaesthesia = models.BooleanField(default=False)
    kind = models.CharField(max_length=10, choices=BookingKind.choices, default=BookingKind.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    # An add-on or a booking with its operator is pinned: an auto-schedule proposal never moves
    # it until a scheduler releases it by hand (recorded in the request's history).
    pin_released_at = models.DateTimeField(null=True, blank=True)
    pin_released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["start", "room"]
        indexes = [
            models.Index(fields=["room", "start"], name="booking_room_start_idx"),
            models.Index(fields=["patient", "start"], name="booking_patient_start_idx"),
            models.Index(fields=["operator", "start"], name="booking_operator_start_idx"),
        ]
        constraints = [_ends_after_start("booking_end_after_start")]

    def __str__(self) -> str:
        return f"{self.room.code} {date_format(timezone.localtime(self.start), 'DATETIME_FORMAT')}"

    @property
    def pinned(self) -> bool:
        """Whether proposals must leave this booking where it is."""
        held = self.kind == BookingKind.ADD_ON or self.operator_id is not None
        return held and self.pin_released_at is None

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)
