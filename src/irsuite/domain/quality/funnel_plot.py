"""Data for a per-operator funnel plot: one point per operator and the two funnels around target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from irsuite.domain.quality.funnel import (
    ALARM_LEVEL,
    WARNING_LEVEL,
    FunnelLimits,
    FunnelMethod,
    FunnelZone,
    classify,
    funnel_denominators,
    funnel_limits,
)

# Beyond this denominator the exact binomial limits and the normal ones agree to the third
# decimal for the rates the catalogue uses, and the normal ones cost nothing to compute.
EXACT_UP_TO = 1_000


@dataclass(frozen=True)
class OperatorCount:
    """Events out of cases for one operator (``key`` identifies the operator)."""

    key: str
    label: str
    events: int
    n: int


@dataclass(frozen=True)
class FunnelPoint:
    """One operator on the plot, with the zone it falls in."""

    key: str
    label: str
    events: int
    n: int
    rate: float
    zone: FunnelZone


@dataclass(frozen=True)
class FunnelPlot:
    """Everything needed to draw a funnel plot."""

    target: float
    warning: tuple[FunnelLimits, ...]
    alarm: tuple[FunnelLimits, ...]
    points: tuple[FunnelPoint, ...]


def _method(n: int) -> FunnelMethod:
    return FunnelMethod.EXACT_BINOMIAL if n <= EXACT_UP_TO else FunnelMethod.NORMAL


def build_funnel_plot(
    target: float,
    operators: Sequence[OperatorCount],
    *,
    warning_level: float = WARNING_LEVEL,
    alarm_level: float = ALARM_LEVEL,
) -> FunnelPlot:
    """Funnel plot of ``operators`` around ``target`` with warning (default 95%) and alarm
    (default 99.8%) limits.

    Operators with no cases are left off (they have no rate).
    """
    counted = [o for o in operators if o.n > 0]
    largest = max((o.n for o in counted), default=1)
    ns = funnel_denominators(max(largest, 10))
    points = tuple(
        FunnelPoint(
            o.key,
            o.label,
            o.events,
            o.n,
            o.events / o.n,
            classify(
                o.events,
                o.n,
                target,
                _method(o.n),
                warning_level=warning_level,
                alarm_level=alarm_level,
            ),
        )
        for o in counted
    )
    return FunnelPlot(
        target=target,
        warning=tuple(funnel_limits(target, n, warning_level, _method(n)) for n in ns),
        alarm=tuple(funnel_limits(target, n, alarm_level, _method(n)) for n in ns),
        points=points,
    )
