"""On-call rosters: call types, roster periods and their assignments."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.formats import date_format

from irsuite.domain.roster import CallKind as DomainCallKind
from irsuite.domain.roster import CallType as DomainCallType
from irsuite.domain.roster import DaySet, Role
from irsuite.people.models import Site, Staff


class CallDays(models.TextChoices):
    ALL = DaySet.ALL.value, "Every day"
    WEEKNIGHTS = DaySet.WEEKNIGHTS.value, "Weekdays (Monday to Friday)"
    WEEKENDS = DaySet.WEEKENDS.value, "Weekends"
    HOLIDAYS = DaySet.HOLIDAYS.value, "Holidays"


class CallKind(models.TextChoices):
    PRIMARY = DomainCallKind.PRIMARY.value, "Primary"
    BACKUP = DomainCallKind.BACKUP.value, "Backup"


class CallType(models.Model):
    """A duty covered every day it runs, from ``starts`` to ``ends`` (next day if earlier)."""

    name = models.CharField(max_length=80, unique=True)
    days = models.CharField(max_length=12, choices=CallDays.choices, default=CallDays.ALL)
    needs = models.PositiveSmallIntegerField(default=1)
    roles = models.JSONField(default=list, help_text="Staff roles allowed to cover it")
    night = models.BooleanField(default=False)
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.PROTECT)
    kind = models.CharField(max_length=10, choices=CallKind.choices, default=CallKind.PRIMARY)
    starts = models.TimeField(default=dt.time(8, 0))
    ends = models.TimeField(default=dt.time(8, 0))
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def as_domain(self) -> DomainCallType:
        """The solver's view of this call type (unknown roles are left out)."""
        known = {r.value for r in Role}
        return DomainCallType(
            name=self.name,
            days=DaySet(self.days),
            needs=self.needs,
            roles=frozenset(Role(r) for r in self.roles if r in known),
            night=self.night,
            site=self.site.code if self.site is not None else None,
            kind=DomainCallKind(self.kind),
        )

    def window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The naive local start and end of this duty on ``day``."""
        start = dt.datetime.combine(day, self.starts)
        end = dt.datetime.combine(day, self.ends)
        if end <= start:
            end += dt.timedelta(days=1)
        return start, end


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class RosterPeriod(models.Model):
    """A stretch of days rostered together, with the rules and the solver's result."""

    start = models.DateField()
    end = models.DateField()
    status = models.CharField(
        max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT
    )
    rules = models.JSONField(default=dict, blank=True)
    holidays = models.JSONField(default=list, blank=True)
    result = models.JSONField(default=dict, blank=True, help_text="Solver status, bounds, fairness")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"roster {date_format(self.start)} to {date_format(self.end)} ({self.status})"


class AssignmentSource(models.TextChoices):
    SOLVER = "solver", "Solver"
    SWAP = "swap", "Approved swap"
    OVERRIDE = "override", "Manual override"


class RosterAssignment(models.Model):
    """One person on one call type on one day."""

    period = models.ForeignKey(RosterPeriod, on_delete=models.CASCADE, related_name="assignments")
    day = models.DateField(db_index=True)
    call_type = models.ForeignKey(CallType, on_delete=models.PROTECT, related_name="assignments")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="roster_assignments")
    source = models.CharField(
        max_length=10, choices=AssignmentSource.choices, default=AssignmentSource.SOLVER
    )

    class Meta:
        ordering = ["day", "call_type__name", "staff_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "day", "call_type", "staff"], name="roster_one_entry_per_duty"
            )
        ]

    def __str__(self) -> str:
        return f"{date_format(self.day)} {self.call_type} {self.staff}"
