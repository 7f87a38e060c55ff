"""Morbidity and mortality (M&M) review: flagged cases, conferences, peer review."""

from __future__ import annotations

from django.db import models
from django.utils.formats import date_format

from irsuite.cases.models import Procedure
from irsuite.domain.quality.review import FlagReason, ReviewOutcome
from irsuite.people.models import Site, Staff

FLAG_REASON_CHOICES = [
    (FlagReason.ADVERSE_EVENT_GRADE.value, "Adverse event at or above the review grade"),
    (FlagReason.RETURN_TO_SUITE.value, "Return to the suite within the review window"),
    (FlagReason.DEATH.value, "Death within the review window"),
    (FlagReason.MANUAL.value, "Flagged by hand"),
]
OUTCOME_CHOICES = [
    (ReviewOutcome.STANDARD_MET.value, "Standard of care met"),
    (ReviewOutcome.OPPORTUNITY_FOR_IMPROVEMENT.value, "Opportunity for improvement"),
    (ReviewOutcome.STANDARD_NOT_MET.value, "Standard of care not met"),
]


class PeerScore(models.IntegerChoices):
    """How a peer would have managed the case (irsuite's own four-point wording)."""

    SAME = 1, "1: most peers would have managed the case the same way"
    DIFFERENT_NOT_SIGNIFICANT = 2, "2: some peers would have acted differently; no clinical impact"
    DIFFERENT_SIGNIFICANT = 3, "3: most peers would have acted differently; clinical impact"
    SHOULD_HAVE_DIFFERED = 4, "4: the case should have been managed differently"


class Conference(models.Model):
    """An M&M conference on a given day."""

    held_on = models.DateField(db_index=True)
    title = models.CharField(max_length=200)
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.SET_NULL)
    chair = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.title} ({date_format(self.held_on)})"


class ReviewCase(models.Model):
    """A procedure on the review list, why it is there, and what the review concluded."""

    procedure = models.OneToOneField(
        Procedure, on_delete=models.PROTECT, related_name="review_case"
    )
    reasons = models.JSONField(default=list, help_text="FlagReason values.")
    flagged_at = models.DateTimeField()
    flagged_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    flag_note = models.TextField(blank=True)
    conference = models.ForeignKey(
        Conference, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    outcome = models.CharField(max_length=30, choices=OUTCOME_CHOICES, blank=True)
    learning_points = models.TextField(blank=True)
    concluded_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    concluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-flagged_at"]
        indexes = [models.Index(fields=["outcome"], name="review_outcome_idx")]

    def __str__(self) -> str:
        return f"Review of procedure {self.procedure_id}"


class PeerReview(models.Model):
    """One reviewer's score of a flagged case."""

    case = models.ForeignKey(ReviewCase, on_delete=models.CASCADE, related_name="peer_reviews")
    reviewer = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(choices=PeerScore.choices)
    comment = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "reviewer"], name="peer_review_once")
        ]

    def __str__(self) -> str:
        return f"Score {self.score}"
