"""The plan a clinician reads and signs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from irsuite.domain.bleeding.enums import RiskClass
from irsuite.domain.bleeding.rules import Provenance


@dataclass(frozen=True)
class PlanLine:
    """One line of the plan with the rule behind it.

    ``blocking`` lines must be resolved before the patient is cleared.
    """

    text: str
    rule: str
    source: str
    verified: bool
    blocking: bool = False

    @classmethod
    def of(cls, text: str, provenance: Provenance, *, blocking: bool = False) -> PlanLine:
        """A line citing ``provenance``."""
        return cls(text, provenance.rule, provenance.source, provenance.verified, blocking)


@dataclass(frozen=True)
class Hold:
    """Stop a drug from ``hold_from``; restart from ``resume_after`` once haemostasis is secure."""

    drug: str
    label: str
    text: str
    hold_from: datetime
    resume_after: datetime | None
    rule: str
    source: str
    verified: bool


@dataclass(frozen=True)
class BleedingPlan:
    """The periprocedural bleeding-risk plan.

    ``cleared`` means the patient may proceed provided the listed holds are kept: the risk
    class is settled and no action is blocking.
    """

    risk_class: RiskClass
    cleared: bool
    holds: tuple[Hold, ...]
    actions: tuple[PlanLine, ...]
    reasons: tuple[PlanLine, ...]
    warnings: tuple[PlanLine, ...]
    rules_version: str

    @property
    def blocking(self) -> tuple[PlanLine, ...]:
        """The actions that stand between this plan and clearance."""
        return tuple(line for line in self.actions if line.blocking)

    @property
    def unverified(self) -> bool:
        """True when any line rests on data not yet checked against its primary source."""
        lines = (*self.actions, *self.reasons, *self.warnings)
        return any(not line.verified for line in lines) or any(not h.verified for h in self.holds)


@dataclass
class Notes:
    """Lines collected while planning."""

    actions: list[PlanLine] = field(default_factory=list)
    reasons: list[PlanLine] = field(default_factory=list)
    warnings: list[PlanLine] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)

    def act(self, text: str, provenance: Provenance, *, blocking: bool = False) -> None:
        """Add an action."""
        self.actions.append(PlanLine.of(text, provenance, blocking=blocking))

    def why(self, text: str, provenance: Provenance) -> None:
        """Add a reason."""
        self.reasons.append(PlanLine.of(text, provenance))

    def warn(self, text: str, provenance: Provenance) -> None:
        """Add a warning."""
        self.warnings.append(PlanLine.of(text, provenance))
