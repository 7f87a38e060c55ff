"""Coded values of the bleeding-risk plan."""

from __future__ import annotations

from enum import StrEnum


class RiskClass(StrEnum):
    """The bleeding-risk class a plan is made for (SIR 2019 has two classes).

    ``OPERATOR_DECIDES`` is given when the rules place the case in neither class, such as an
    arterial case with a sheath between the low and high limits.
    """

    LOW = "low"
    HIGH = "high"
    OPERATOR_DECIDES = "operator-decides"

    @property
    def rank(self) -> int:
        """Order from least to most restrictive: low, operator decides, high."""
        return _RANK[self]


_RANK = {RiskClass.LOW: 0, RiskClass.OPERATOR_DECIDES: 1, RiskClass.HIGH: 2}


class HoldKind(StrEnum):
    """How a drug is held before a procedure."""

    NONE = "none"  # keep taking it
    DAYS = "days"  # no dose on N calendar days before the procedure day, nor on the day
    HOURS = "hours"  # no dose in the N hours before the start
    CONSULT = "consult"  # no automatic rule: operator, pharmacy or haematology decides


class DrugKind(StrEnum):
    """Pharmacological family of a drug that affects haemostasis."""

    ANTICOAGULANT = "anticoagulant"
    ANTIPLATELET = "antiplatelet"


class ArterialAccess(StrEnum):
    """Arterial access site, which sets the INR limit of a low-risk arterial case."""

    FEMORAL = "femoral"
    RADIAL = "radial"
