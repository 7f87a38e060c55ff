"""The codes a coder recorded for a performed procedure (what is billed and counted), kept apart
from the catalogue's candidate codes: a case has no code until it is coded."""

from __future__ import annotations

from django.db import models

from irsuite.cases.procedures.models import Procedure
from irsuite.people.models import Staff


class CodeSystem(models.TextChoices):
    CPT = "CPT", "CPT (AMA Current Procedural Terminology)"


class ProcedureCode(models.Model):
    """One code recorded for a procedure, by whom and when."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="codes")
    system = models.CharField(max_length=8, choices=CodeSystem.choices, default=CodeSystem.CPT)
    code = models.CharField(max_length=10)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["system", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "system", "code"], name="procedure_code_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.system} {self.code}"
