"""Quality indicators against their review thresholds."""

import pytest

from irsuite.domain.catalogue import QualityIndicator, QualityKind, ThresholdDirection
from irsuite.domain.quality.indicators import evaluate
from irsuite.domain.quality.intervals import wilson_interval

HAEMORRHAGE = QualityIndicator(
    "major_haemorrhage",
    "Major haemorrhage",
    QualityKind.COMPLICATION,
    0.04,
    ThresholdDirection.MAX,
    "SIR QI guidelines",
    False,
)
SUCCESS = QualityIndicator(
    "technical_success",
    "Technical success",
    QualityKind.SUCCESS,
    0.95,
    ThresholdDirection.MIN,
    "SIR QI guidelines",
    False,
)


def test_a_complication_rate_above_its_threshold_triggers_review():
    result = evaluate(HAEMORRHAGE, 6, 100)
    assert result.rate == pytest.approx(0.06)
    assert result.above_threshold and result.triggers_review
    assert (result.ci_low, result.ci_high) == pytest.approx(
        (wilson_interval(6, 100).low, wilson_interval(6, 100).high)
    )
    # 6/100 is above 4% but the interval still includes 4%: not significantly off.
    assert not result.significantly_off_threshold


def test_a_success_rate_below_its_threshold_triggers_review_without_being_above_it():
    result = evaluate(SUCCESS, 180, 200)
    assert not result.above_threshold
    assert result.triggers_review
    assert result.significantly_off_threshold


def test_no_cases_never_triggers_review():
    result = evaluate(HAEMORRHAGE, 0, 0)
    assert not result.triggers_review and not result.above_threshold
