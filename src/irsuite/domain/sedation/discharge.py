"""Discharge from phase I recovery: only after the procedure has ended, the observation time of
the protocol has passed (longer after a reversal agent), and the modified Aldrete criteria have
held on assessments spanning the time the protocol asks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from irsuite.domain.recovery import AldreteCriteria, TimedAldrete, discharge_decision


@dataclass(frozen=True)
class DischargeProtocol:
    """``[discharge]`` of sedation.toml."""

    observe_after_end: Mapping[str, timedelta]
    observe_after_reversal: timedelta
    criteria_held: timedelta


@dataclass(frozen=True)
class Readiness:
    """Whether the patient may leave recovery now; if not, why, and from when at the earliest."""

    allowed: bool
    total: int | None
    reasons: tuple[str, ...]
    not_before: datetime | None = None


def parse_discharge_protocol(data: Mapping[str, Any]) -> DischargeProtocol:
    """Parse ``[discharge]`` of sedation.toml; a ValueError names what is wrong."""
    raw = data["discharge"]
    after_end = {str(k): _minutes(v) for k, v in raw["observe_after_end_min"].items()}
    return DischargeProtocol(
        observe_after_end=after_end,
        observe_after_reversal=_minutes(raw["observe_after_reversal_min"]),
        criteria_held=_minutes(raw["criteria_held_min"]),
    )


def _minutes(value: object) -> timedelta:
    minutes = int(str(value))
    if minutes < 0:
        raise ValueError(f"sedation.toml: a number of minutes cannot be negative; got {value!r}")
    return timedelta(minutes=minutes)


def discharge_readiness(
    *,
    now: datetime,
    procedure_end: datetime | None,
    sedation_kind: str,
    assessments: Sequence[TimedAldrete],
    reversal_doses: Sequence[datetime],
    protocol: DischargeProtocol,
    criteria: AldreteCriteria,
) -> Readiness:
    """Decide discharge at ``now``. Times in the reasons are shown as given (pass local times).

    Only assessments made after the procedure ended count: a score taken during the case says
    nothing about recovery.
    """
    if procedure_end is None or procedure_end > now:
        return Readiness(
            False,
            None,
            (
                "The procedure has not ended: discharge is possible once its end time is "
                "recorded on the procedure page and the recovery criteria are met.",
            ),
        )
    reasons: list[str] = []
    longest = max(protocol.observe_after_end.values(), default=timedelta(0))
    observe = protocol.observe_after_end.get(sedation_kind, longest)
    not_before = procedure_end + observe
    if reversal_doses:
        not_before = max(not_before, max(reversal_doses) + protocol.observe_after_reversal)
    if now < not_before:
        after_reversal = (
            f" and {_words(protocol.observe_after_reversal)} after a reversal agent"
            if reversal_doses
            else ""
        )
        reasons.append(
            f"Observe until {not_before:%H:%M}: the protocol asks for {_words(observe)} "
            f"after the procedure ended{after_reversal}."
        )
    in_recovery = [a for a in assessments if a.at >= procedure_end]
    decision = discharge_decision(in_recovery, criteria)
    if not in_recovery:
        reasons.append("Record a modified Aldrete score after the procedure ended.")
    elif not decision.allowed:
        reasons.extend(decision.reasons)
    else:
        held_since = _held_since(in_recovery, criteria.discharge_min_total)
        latest = max(a.at for a in in_recovery)
        if latest - held_since < protocol.criteria_held:
            confirm_at = held_since + protocol.criteria_held
            not_before = max(not_before, confirm_at)
            reasons.append(
                f"Aldrete has been {criteria.discharge_min_total} or more since "
                f"{held_since:%H:%M}; confirm it with another score at {confirm_at:%H:%M} or later."
            )
    return Readiness(not reasons, decision.total, tuple(reasons), not_before)


def _held_since(assessments: Sequence[TimedAldrete], minimum: int) -> datetime:
    """When the latest unbroken run of qualifying scores began (the latest score qualifies)."""
    ordered = sorted(assessments, key=lambda a: a.at)
    since = ordered[-1].at
    for assessment in reversed(ordered):
        if assessment.score.total < minimum:
            break
        since = assessment.at
    return since


def _words(span: timedelta) -> str:
    minutes = int(span.total_seconds()) // 60
    return f"{minutes} minutes"
