"""Funnel-plot control limits for proportions (Spiegelhalter, Stat Med 2005).

Each operator is a point (denominator, observed rate); the limits around the target rate narrow
as the denominator grows. Exact limits use binomial quantiles interpolated between integers
(Spiegelhalter's method); the normal approximation is target +/- z * sqrt(p(1-p)/n).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from irsuite.domain.quality.intervals import z_for_confidence


class FunnelMethod(enum.Enum):
    """How control limits are computed."""

    EXACT_BINOMIAL = "exact"
    NORMAL = "normal"


class FunnelZone(enum.Enum):
    """Where an observed rate falls relative to the limits."""

    WITHIN = "within"
    ABOVE_95 = "above_95"  # warning
    ABOVE_998 = "above_998"  # alarm
    BELOW_95 = "below_95"
    BELOW_998 = "below_998"


SKIP_SD = 10.0
# Defaults of the control limits (Spiegelhalter 2005); applications pass their configured levels.
WARNING_LEVEL = 0.95
ALARM_LEVEL = 0.998


@dataclass(frozen=True)
class FunnelLimits:
    """Lower and upper control limits, as proportions, at one denominator and level."""

    n: int
    level: float
    low: float
    high: float


def _log_pmf(r: int, n: int, p: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(r + 1)
        - math.lgamma(n - r + 1)
        + r * math.log(p)
        + (n - r) * math.log1p(-p)
    )


def _binomial_quantile(prob: float, n: int, p: float) -> float:
    """Interpolated binomial quantile: r_p - alpha, with F(r_p) >= prob > F(r_p - 1).

    The sum starts SKIP_SD standard deviations below the mean: the mass below is negligible
    (far under 1e-12), and large denominators stay fast.
    """
    sd = math.sqrt(n * p * (1.0 - p))
    start = max(0, int(n * p - SKIP_SD * sd) - 1)
    cumulative = 0.0
    for r in range(start, n + 1):
        previous = cumulative
        cumulative += math.exp(_log_pmf(r, n, p))
        if cumulative >= prob:
            alpha = (cumulative - prob) / (cumulative - previous)
            return r - alpha
    return float(n)


def _clip(value: float) -> float:
    # Interpolation below the first integer can fall under 0 (or above n) for tiny n.
    return min(1.0, max(0.0, value))


def _check(target: float, n: int, level: float) -> None:
    if not 0.0 <= target <= 1.0:
        raise ValueError(f"target rate must be within [0, 1], got {target}")
    if n <= 0:
        raise ValueError("the denominator must be positive")
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be strictly between 0 and 1, got {level}")


@lru_cache(maxsize=65536)
def funnel_limits(
    target: float, n: int, level: float, method: FunnelMethod = FunnelMethod.EXACT_BINOMIAL
) -> FunnelLimits:
    """Two-sided control limits at ``level`` (0.95 or 0.998) around ``target`` for ``n`` cases.

    Memoised: a dashboard draws the same funnels (same target, denominators and levels) again
    and again, and the exact limits sum binomial terms.
    """
    _check(target, n, level)
    tail = (1.0 - level) / 2.0
    if target in (0.0, 1.0):
        return FunnelLimits(n, level, target, target)
    if method is FunnelMethod.NORMAL:
        half = z_for_confidence(level) * math.sqrt(target * (1.0 - target) / n)
        return FunnelLimits(n, level, max(0.0, target - half), min(1.0, target + half))
    low = _clip(_binomial_quantile(tail, n, target) / n)
    high = _clip(_binomial_quantile(1.0 - tail, n, target) / n)
    return FunnelLimits(n, level, low, high)


def funnel_curve(
    target: float,
    denominators: Iterable[int],
    level: float,
    method: FunnelMethod = FunnelMethod.EXACT_BINOMIAL,
) -> list[FunnelLimits]:
    """Limits at each denominator, for drawing the funnel."""
    return [funnel_limits(target, n, level, method) for n in denominators]


def funnel_denominators(max_n: int, points: int = 60) -> list[int]:
    """Denominators spaced geometrically from 1 to ``max_n`` (distinct, ascending)."""
    if max_n < 1:
        return []
    ratio = max_n ** (1.0 / max(1, points - 1))
    values = {max(1, round(ratio**i)) for i in range(points)}
    values.add(max_n)
    return sorted(values)


def classify(
    events: int,
    n: int,
    target: float,
    method: FunnelMethod = FunnelMethod.EXACT_BINOMIAL,
    *,
    warning_level: float = WARNING_LEVEL,
    alarm_level: float = ALARM_LEVEL,
) -> FunnelZone:
    """Place an observed rate against the warning (default 95%) and alarm (default 99.8%) limits
    around ``target``."""
    rate = events / n if n else 0.0
    alarm = funnel_limits(target, n, alarm_level, method)
    warning = funnel_limits(target, n, warning_level, method)
    if rate > alarm.high:
        return FunnelZone.ABOVE_998
    if rate > warning.high:
        return FunnelZone.ABOVE_95
    if rate < alarm.low:
        return FunnelZone.BELOW_998
    if rate < warning.low:
        return FunnelZone.BELOW_95
    return FunnelZone.WITHIN
