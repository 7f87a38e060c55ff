"""Confidence intervals for proportions and event rates.

Wilson score interval for proportions (Wilson, JASA 1927); exact Poisson interval (Garwood 1936)
for events per exposure such as catheter-related bloodstream infections per 1,000 catheter-days
(CDC NHSN reports device-associated infections this way).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

_BISECTION_STEPS = 200


@dataclass(frozen=True)
class Interval:
    """A point estimate with its lower and upper confidence limits."""

    estimate: float
    low: float
    high: float

    def contains(self, value: float) -> bool:
        """True when ``value`` lies within the closed interval."""
        return self.low <= value <= self.high


def z_for_confidence(confidence: float) -> float:
    """Two-sided standard normal quantile for a confidence level (0.95 gives about 1.96)."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence}")
    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


def _check_counts(events: int, n: int) -> None:
    if n < 0 or events < 0:
        raise ValueError("events and denominator must not be negative")
    if events > n:
        raise ValueError(f"events ({events}) cannot exceed the denominator ({n})")


def wilson_interval(events: int, n: int, z: float | None = None) -> Interval:
    """Wilson score interval for ``events`` out of ``n``.

    ``z`` is the standard normal quantile (default: 95% two-sided). With ``n == 0`` nothing is
    known, so the interval is the whole of [0, 1] around an estimate of 0.
    """
    _check_counts(events, n)
    if z is None:
        z = z_for_confidence(0.95)
    if z < 0:
        raise ValueError("z must not be negative")
    if n == 0:
        return Interval(0.0, 0.0, 1.0)
    p = events / n
    z2 = z * z
    denominator = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denominator
    half = z * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator
    # At the boundaries the Wilson limit equals the estimate exactly; rounding must not lose it.
    low = 0.0 if events == 0 else max(0.0, min(p, centre - half))
    high = 1.0 if events == n else min(1.0, max(p, centre + half))
    return Interval(p, low, high)


def _poisson_cdf(k: int, mean: float) -> float:
    """P(X <= k) for a Poisson variable with the given mean, summed in log space."""
    if k < 0:
        return 0.0
    if mean == 0.0:
        return 1.0
    log_mean = math.log(mean)
    terms = (math.exp(-mean + i * log_mean - math.lgamma(i + 1)) for i in range(k + 1))
    return min(1.0, math.fsum(terms))


def _solve_decreasing(target: float, k: int, high: float) -> float:
    """Mean at which P(X <= k) falls to ``target`` (the CDF decreases with the mean)."""
    low = 0.0
    while _poisson_cdf(k, high) > target:
        high *= 2.0
    for _ in range(_BISECTION_STEPS):
        mid = (low + high) / 2.0
        if _poisson_cdf(k, mid) > target:
            low = mid
        else:
            high = mid
        if high - low <= 1e-12 * max(1.0, high):
            break
    return (low + high) / 2.0


def poisson_interval(events: int, confidence: float = 0.95) -> Interval:
    """Exact (Garwood) interval for the mean of a Poisson count."""
    if events < 0:
        raise ValueError("events must not be negative")
    alpha = 1.0 - confidence
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence}")
    start = float(events) + 10.0 * math.sqrt(events + 1.0) + 10.0
    high = _solve_decreasing(alpha / 2.0, events, start)
    low = 0.0 if events == 0 else _solve_decreasing(1.0 - alpha / 2.0, events - 1, start)
    return Interval(float(events), low, high)


def rate_per_exposure(
    events: int, exposure: float, per: float = 1000.0, confidence: float = 0.95
) -> Interval:
    """Events per ``per`` units of exposure (e.g. CRBSI per 1,000 catheter-days) with exact CI."""
    if exposure <= 0:
        raise ValueError("exposure (e.g. catheter-days) must be positive")
    counts = poisson_interval(events, confidence)
    scale = per / exposure
    return Interval(counts.estimate * scale, counts.low * scale, counts.high * scale)


def per_thousand_catheter_days(events: int, catheter_days: float) -> Interval:
    """Catheter-related bloodstream infections per 1,000 catheter-days, with a 95% exact CI."""
    return rate_per_exposure(events, catheter_days, per=1000.0)
