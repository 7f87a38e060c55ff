"""CUSUM charts for binary outcomes.

* Risk-adjusted Bernoulli CUSUM (Steiner, Cook, Farewell & Treasure, Biostatistics 2000): each
  case adds the log-likelihood ratio of "odds multiplied by R" against "as predicted"; the chart
  never goes below zero and signals when it reaches the decision limit ``h``, then restarts at 0.
  With the same predicted risk for every case it is the plain Bernoulli CUSUM.
* Learning-curve CUSUM (LC-CUSUM, Biau et al., Clin Orthop Relat Res 2008): on technical success,
  signals when performance has been shown adequate (competence), then restarts.

Design values (odds ratio, acceptable and unacceptable rates, ``h``) are arguments: they come from
the quality indicator's threshold and from the department's monitoring settings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CusumDesign:
    """Alternative odds ratio to detect and decision limit ``h`` (in log-likelihood units)."""

    odds_ratio: float
    h: float

    def __post_init__(self) -> None:
        if self.odds_ratio <= 0 or self.odds_ratio == 1.0:
            raise ValueError("the odds ratio must be positive and different from 1")
        if self.h <= 0:
            raise ValueError("the decision limit h must be positive")


@dataclass(frozen=True)
class CusumPoint:
    """The chart after one case: its value, and whether it signalled (then the next restarts)."""

    index: int
    weight: float
    value: float
    signal: bool


def odds_ratio_between(acceptable: float, unacceptable: float) -> float:
    """Odds ratio that moves an ``acceptable`` event rate to an ``unacceptable`` one."""
    for rate in (acceptable, unacceptable):
        if not 0.0 < rate < 1.0:
            raise ValueError(f"rates must be strictly between 0 and 1, got {rate}")
    return (unacceptable / (1.0 - unacceptable)) / (acceptable / (1.0 - acceptable))


def risk_adjusted_weight(event: bool, risk: float, odds_ratio: float) -> float:
    """Steiner's CUSUM weight for one case with predicted ``risk`` of the event."""
    if not 0.0 < risk < 1.0:
        raise ValueError(f"predicted risk must be strictly between 0 and 1, got {risk}")
    denominator = 1.0 - risk + odds_ratio * risk
    if event:
        return math.log(odds_ratio / denominator)
    return -math.log(denominator)


@dataclass(frozen=True)
class CusumPath:
    """A whole chart as plain lists: the value after each case, and the cases that signalled.

    The compact form for long charts (tens of thousands of cases) drawn in a browser.
    """

    values: list[float]
    signals: list[int]


def cusum_path(weights: Iterable[float], h: float) -> CusumPath:
    """Run S_t = max(0, S_{t-1} + W_t); signal when S_t >= h and restart from 0 after."""
    values: list[float] = []
    signals: list[int] = []
    keep = values.append
    value = 0.0
    for index, weight in enumerate(weights):
        value += weight
        if value < 0.0:
            value = 0.0
        keep(value)
        if value >= h:
            signals.append(index)
            value = 0.0
    return CusumPath(values, signals)


def accumulate(weights: Iterable[float], h: float) -> list[CusumPoint]:
    """The chart case by case: each case's weight, the value after it, and whether it signalled."""
    weights = list(weights)
    path = cusum_path(weights, h)
    signalled = set(path.signals)
    return [
        CusumPoint(index, weight, value, index in signalled)
        for index, (weight, value) in enumerate(zip(weights, path.values, strict=True))
    ]


def risk_adjusted_cusum(
    events: Sequence[bool], risks: Sequence[float], design: CusumDesign
) -> list[CusumPoint]:
    """Risk-adjusted Bernoulli CUSUM over cases in date order."""
    if len(events) != len(risks):
        raise ValueError("each case needs one outcome and one predicted risk")
    weights = (
        risk_adjusted_weight(e, r, design.odds_ratio) for e, r in zip(events, risks, strict=True)
    )
    return accumulate(weights, design.h)


def constant_risk_weights(risk: float, design: CusumDesign) -> tuple[float, float]:
    """Steiner's weights (on an event, on none) when every case has the same expected risk."""
    return (
        risk_adjusted_weight(True, risk, design.odds_ratio),
        risk_adjusted_weight(False, risk, design.odds_ratio),
    )


def constant_risk_cusum(
    events: Sequence[bool], risk: float, design: CusumDesign
) -> list[CusumPoint]:
    """Bernoulli CUSUM when every case has the same expected risk (two weights, computed once)."""
    on_event, on_none = constant_risk_weights(risk, design)
    return accumulate((on_event if e else on_none for e in events), design.h)


def constant_risk_path(events: Sequence[bool], risk: float, design: CusumDesign) -> CusumPath:
    """The same chart as ``constant_risk_cusum``, in the compact form."""
    on_event, on_none = constant_risk_weights(risk, design)
    return cusum_path((on_event if e else on_none for e in events), design.h)


def bernoulli_cusum(
    events: Sequence[bool], acceptable: float, unacceptable: float, h: float
) -> list[CusumPoint]:
    """Bernoulli CUSUM detecting a rise of the event rate from ``acceptable`` to ``unacceptable``.

    For complications, ``acceptable`` is the expected rate and ``unacceptable`` the rate the
    department wants to detect (often the review threshold).
    """
    design = CusumDesign(odds_ratio_between(acceptable, unacceptable), h)
    return constant_risk_cusum(events, acceptable, design)


def learning_curve_weights(
    acceptable_failure: float, unacceptable_failure: float, h: float
) -> tuple[float, float]:
    """LC-CUSUM weights (on a success, on a failure); checks the design."""
    if not 0.0 < acceptable_failure < unacceptable_failure < 1.0:
        raise ValueError("need 0 < acceptable failure rate < unacceptable failure rate < 1")
    if h <= 0:
        raise ValueError("the decision limit h must be positive")
    return (
        math.log((1.0 - acceptable_failure) / (1.0 - unacceptable_failure)),
        math.log(acceptable_failure / unacceptable_failure),
    )


def learning_curve_cusum(
    successes: Sequence[bool], acceptable_failure: float, unacceptable_failure: float, h: float
) -> list[CusumPoint]:
    """LC-CUSUM on technical success: signals once performance is shown to be adequate.

    The chart tests "failure rate is ``unacceptable_failure``" against "it is
    ``acceptable_failure``": a success adds log((1-p0)/(1-p1)), a failure adds log(p0/p1).
    """
    on_success, on_failure = learning_curve_weights(acceptable_failure, unacceptable_failure, h)
    return accumulate((on_success if s else on_failure for s in successes), h)


def learning_curve_path(
    successes: Sequence[bool], acceptable_failure: float, unacceptable_failure: float, h: float
) -> CusumPath:
    """The same chart as ``learning_curve_cusum``, in the compact form."""
    on_success, on_failure = learning_curve_weights(acceptable_failure, unacceptable_failure, h)
    return cusum_path((on_success if s else on_failure for s in successes), h)


def observed_minus_expected(events: Sequence[bool], risks: Sequence[float]) -> list[float]:
    """Cumulative expected minus observed events (VLAD): rises when fewer events than expected."""
    if len(events) != len(risks):
        raise ValueError("each case needs one outcome and one predicted risk")
    total = 0.0
    curve: list[float] = []
    for event, risk in zip(events, risks, strict=True):
        total += risk - (1.0 if event else 0.0)
        curve.append(total)
    return curve


def signal_indices(points: Sequence[CusumPoint]) -> list[int]:
    """Indices (0-based case positions) at which the chart signalled."""
    return [p.index for p in points if p.signal]
