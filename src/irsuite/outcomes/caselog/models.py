"""Trainee case logs: which programme a trainee follows, and attestations by the supervisor."""

from __future__ import annotations

from django.db import models

from irsuite.cases.models import TeamMember
from irsuite.people.models import Staff


class TraineeProgramme(models.Model):
    """The training programme (a code of ``caselog_minimums.toml``) a trainee is enrolled in."""

    trainee = models.OneToOneField(Staff, on_delete=models.CASCADE, related_name="programme")
    programme = models.CharField(max_length=40)
    started_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.trainee} in {self.programme}"


class CaseAttestation(models.Model):
    """The supervising attending confirms a trainee's role in one case."""

    team_member = models.OneToOneField(
        TeamMember, on_delete=models.CASCADE, related_name="attestation"
    )
    attested_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    attested_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Attested by {self.attested_by}"
