"""Pre-aggregated quality facts: one row per procedure, catalogue entry and quality indicator.

Maintained by the outcomes services whenever a procedure is signed or an adverse event or a
follow-up outcome is recorded, so the dashboard reads one narrow indexed table instead of
joining procedures, teams and events.
"""

from __future__ import annotations

from django.db import models
from django.utils.formats import date_format

from irsuite.cases.models import CatalogueEntry, Procedure
from irsuite.people.models import Room, Site, Staff


class QualityFact(models.Model):
    """Whether ``procedure`` counts as an event for ``indicator`` of ``entry``."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(max_length=60)
    day = models.DateField()
    operator = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    event = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "entry", "indicator"], name="quality_fact_once"
            )
        ]
        indexes = [
            # Covers the dashboard's grouped counts for one entry and period.
            models.Index(
                fields=["entry", "day", "indicator", "operator", "event"],
                name="qfact_entry_day_idx",
            ),
            # Covers the CUSUM charts: one indicator's cases per operator in date order.
            models.Index(
                fields=["entry", "indicator", "operator", "day", "procedure", "event"],
                name="qfact_entry_ind_op_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} of procedure {self.procedure_id}"


class QualityMonth(models.Model):
    """Facts counted per catalogue entry, indicator, responsible operator and calendar month.

    Kept in step with ``QualityFact`` (see ``quality_months``) so that long periods read a few
    thousand monthly counts instead of hundreds of thousands of facts; the partial months at the
    edges of a period, and filters by site or room, still read the facts.
    """

    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(max_length=60)
    operator = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    month = models.DateField(help_text="First day of the month.")
    cases = models.PositiveIntegerField()
    events = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["entry", "month", "indicator", "operator", "cases", "events"],
                name="qmonth_entry_month_idx",
            )
        ]

    def __str__(self) -> str:
        month = date_format(self.month, "YEAR_MONTH_FORMAT")
        return f"{self.indicator} of entry {self.entry_id} in {month}"
