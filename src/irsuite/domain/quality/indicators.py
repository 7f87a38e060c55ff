"""Quality indicators: an observed rate with its Wilson interval against a review threshold.

The indicators and thresholds are the catalogue's ``quality`` items (SIR quality improvement
guidelines): ``direction = max`` means a rate above the threshold triggers review
(complications); ``min`` means a rate below it does (success).
"""

from __future__ import annotations

from dataclasses import dataclass

from irsuite.domain.catalogue import QualityIndicator, ThresholdDirection
from irsuite.domain.quality.intervals import wilson_interval, z_for_confidence


@dataclass(frozen=True)
class IndicatorResult:
    """Observed rate of one indicator over a set of cases."""

    spec: QualityIndicator
    events: int
    denominator: int
    rate: float
    ci_low: float
    ci_high: float

    @property
    def above_threshold(self) -> bool:
        """True when the observed rate is strictly above the threshold."""
        return self.denominator > 0 and self.rate > self.spec.threshold

    @property
    def triggers_review(self) -> bool:
        """True when the rate is on the wrong side of the threshold for this indicator."""
        if self.denominator == 0:
            return False
        if self.spec.direction is ThresholdDirection.MAX:
            return self.rate > self.spec.threshold
        return self.rate < self.spec.threshold

    @property
    def significantly_off_threshold(self) -> bool:
        """True when the whole confidence interval lies on the wrong side of the threshold."""
        if self.denominator == 0:
            return False
        if self.spec.direction is ThresholdDirection.MAX:
            return self.ci_low > self.spec.threshold
        return self.ci_high < self.spec.threshold


def evaluate(
    spec: QualityIndicator, events: int, denominator: int, confidence: float = 0.95
) -> IndicatorResult:
    """Rate of ``spec`` with its Wilson interval (``events`` out of ``denominator`` cases)."""
    interval = wilson_interval(events, denominator, z_for_confidence(confidence))
    return IndicatorResult(
        spec, events, denominator, interval.estimate, interval.low, interval.high
    )
