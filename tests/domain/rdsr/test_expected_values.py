"""Every value of expected.toml is reproduced by both walkers, within relative 1e-6."""

from __future__ import annotations

import math

import pytest
from rdsr_samples import EXPECTED, SAMPLE_NAMES, sample_bytes

from irsuite.domain.rdsr import DoseReport, PlausibilityBounds, Walker, read_report

WALKERS = [Walker.LEAN, Walker.PYDICOM]


def _actual(report: DoseReport, key: str) -> object:
    if key == "events":
        return len(report.events)
    if key.startswith("event_") and key.endswith("_kap_gycm2"):
        index = int(key.split("_")[1]) - 1
        return report.events[index].kap_gycm2
    if key == "event_ctdivol_mgy":
        return [event.ctdivol_mgy for event in report.events]
    if key == "event_dlp_mgycm":
        return [event.dlp_mgycm for event in report.events]
    return getattr(report, key)


def _close(actual: object, expected: object) -> bool:
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(_close(a, e) for a, e in zip(actual, expected, strict=True))
        )
    if not isinstance(actual, int | float):
        return False
    assert isinstance(expected, int | float)
    return math.isclose(actual, expected, rel_tol=1e-6, abs_tol=1e-12)


CASES = [
    (name, key, walker) for name in SAMPLE_NAMES for key in EXPECTED[name] for walker in WALKERS
]


@pytest.mark.parametrize(("name", "key", "walker"), CASES)
def test_it_reads_the_expected_value_from_each_sample(
    name: str, key: str, walker: Walker, bounds: PlausibilityBounds
) -> None:
    report = read_report(sample_bytes(name), bounds, walker)
    actual = _actual(report, key)
    assert _close(actual, EXPECTED[name][key]), f"{name} {key}: {actual!r}"


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_sample_has_one_irradiation_event_uid_per_event(
    name: str, bounds: PlausibilityBounds
) -> None:
    report = read_report(sample_bytes(name), bounds)
    uids = [event.uid for event in report.events]
    assert all(uids)
    assert len(set(uids)) == len(uids)


def test_the_cumulative_ct_reports_share_one_study_and_grow(bounds: PlausibilityBounds) -> None:
    reports = [
        read_report(sample_bytes(f"CT-RDSR-Siemens-Multi-{n}.dcm"), bounds) for n in (1, 2, 3)
    ]
    assert len({r.study.study_instance_uid for r in reports}) == 1
    assert len({r.sop_instance_uid for r in reports}) == 3
    first, second, third = ({e.uid for e in r.events} for r in reports)
    assert first < second < third
