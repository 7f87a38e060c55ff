"""What the coder's lists show: each signed procedure with the codes recorded for it, and the
catalogue's candidate codes apart, as suggestions only (a case has no code until it is coded)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from irsuite.cases.coding.models import CodeSystem, ProcedureCode
from irsuite.cases.procedures.models import Procedure, ProcedureStatus


@dataclass(frozen=True)
class CodingRow:
    """A procedure on the coder's list: the CPT codes recorded, and those the catalogue
    suggests that are not recorded yet."""

    procedure: Procedure
    recorded: list[str]
    suggested: list[str]


def coding_row(procedure: Procedure) -> CodingRow:
    """The row of one procedure whose `codes` and `entries` are loaded (or loadable)."""
    recorded = [c.code for c in procedure.codes.all() if c.system == CodeSystem.CPT]
    candidates = [code for entry in procedure.entries.all() for code in entry.cpt_codes]
    suggested = [code for code in dict.fromkeys(candidates) if code not in recorded]
    return CodingRow(procedure, recorded, suggested)


def recently_signed(limit: int = 30) -> list[CodingRow]:
    """The most recently signed procedures, newest first, each with its codes."""
    rows = (
        Procedure.objects.filter(status=ProcedureStatus.SIGNED)
        .select_related("request__catalogue_entry")
        .prefetch_related(
            "entries", Prefetch("codes", queryset=ProcedureCode.objects.order_by("code"))
        )
        .order_by("-signed_at")[:limit]
    )
    return [coding_row(p) for p in rows]
