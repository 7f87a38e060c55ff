"""Several values in one Numeric Value: per-pulse settings are kept and averaged, doses are
refused rather than averaged."""

from __future__ import annotations

import math

import pytest
from rdsr_samples import items_with_concept, sample_bytes, sample_dataset, to_bytes
from sr_builder import (
    DAP,
    DOSE_RP,
    DOSE_RP_TOTAL,
    FLUORO_TIME_TOTAL,
    IRRADIATION_DURATION,
    KVP,
    PRIMARY_ANGLE,
    PULSE_RATE,
    PULSE_WIDTH,
    SYNTAXES,
    TUBE_CURRENT,
    accumulated,
    encode,
    event,
    num,
    projection_report,
)

from irsuite.domain.rdsr import (
    ErrorKind,
    IrradiationEvent,
    PlausibilityBounds,
    RdsrError,
    Walker,
    read_report,
)

WALKERS = [Walker.LEAN, Walker.PYDICOM]


def _event(
    bounds: PlausibilityBounds, walker: Walker, syntax: str, *rows: object
) -> IrradiationEvent:
    dataset = projection_report(
        accumulated(num(FLUORO_TIME_TOTAL, ["12"])),
        event("2.25.10", num(DAP, ["0.0001"]), num(DOSE_RP, ["0.002"]), *rows),  # type: ignore[arg-type]
    )
    (only,) = read_report(encode(dataset, syntax), bounds, walker).events
    return only


@pytest.mark.parametrize("syntax", sorted(SYNTAXES))
@pytest.mark.parametrize("walker", WALKERS)
def test_a_multi_valued_kvp_keeps_every_pulse_and_its_mean(
    walker: Walker, syntax: str, bounds: PlausibilityBounds
) -> None:
    pulses = ["70", "72.5", "75", "80"]
    found = _event(bounds, walker, syntax, num(KVP, pulses))
    assert found.kvp_per_pulse == (70.0, 72.5, 75.0, 80.0)
    assert found.kvp == pytest.approx(74.375)


@pytest.mark.parametrize("walker", WALKERS)
def test_tube_current_and_pulse_width_per_pulse_are_kept_in_irsuite_units(
    walker: Walker, bounds: PlausibilityBounds
) -> None:
    found = _event(
        bounds,
        walker,
        "explicit",
        num(TUBE_CURRENT, ["10", "12", "14"]),
        num(PULSE_WIDTH, ["4", "6"]),
    )
    assert found.tube_current_ma_per_pulse == (10.0, 12.0, 14.0)
    assert found.tube_current_ma == pytest.approx(12.0)
    assert found.pulse_width_s_per_pulse == pytest.approx((0.004, 0.006))
    assert found.pulse_width_s == pytest.approx(0.005)


@pytest.mark.parametrize("walker", WALKERS)
def test_a_row_repeated_once_per_pulse_is_read_like_one_multi_valued_row(
    walker: Walker, bounds: PlausibilityBounds
) -> None:
    repeated = _event(bounds, walker, "explicit", num(KVP, ["70"]), num(KVP, ["72", "74"]))
    assert repeated.kvp_per_pulse == (70.0, 72.0, 74.0)
    assert repeated.kvp == pytest.approx(72.0)


def test_a_single_kvp_is_its_own_only_pulse(bounds: PlausibilityBounds) -> None:
    found = _event(bounds, Walker.LEAN, "explicit", num(KVP, ["81"]))
    assert (found.kvp, found.kvp_per_pulse) == (81.0, (81.0,))


@pytest.mark.parametrize(
    ("row", "field", "expected"),
    [
        (num(PULSE_RATE, ["7.5", "15"]), "pulse_rate_per_s", 11.25),
        (num(PRIMARY_ANGLE, ["-10", "30"]), "primary_angle_deg", 10.0),
    ],
    ids=["pulse rate", "positioner angle"],
)
def test_other_settings_with_several_values_take_their_mean(
    row: object, field: str, expected: float, bounds: PlausibilityBounds
) -> None:
    for walker in WALKERS:
        assert getattr(_event(bounds, walker, "explicit", row), field) == pytest.approx(expected)


def _with_multi_valued_row(sample: str, code: str, values: list[str]) -> bytes:
    dataset = sample_dataset(sample)
    item = next(items_with_concept(dataset, code))
    item.MeasuredValueSequence[0].NumericValue = values
    return to_bytes(dataset)


REFUSED = [
    ("RF-RDSR-Philips_Allura.dcm", DAP[0], "dose area product"),
    ("RF-RDSR-Philips_Allura.dcm", DOSE_RP[0], "dose (RP)"),
    ("RF-RDSR-Philips_Allura.dcm", DOSE_RP_TOTAL[0], "dose (RP) total"),
    ("RF-RDSR-Siemens-Zee.dcm", FLUORO_TIME_TOTAL[0], "fluoroscopy time total"),
    ("RF-RDSR-GE.dcm", IRRADIATION_DURATION[0], "irradiation duration"),
    ("CT-RDSR-Siemens_Flash-TAP-SS.dcm", "113830", "CTDIvol"),
    ("CT-RDSR-Siemens_Flash-TAP-SS.dcm", "113838", "DLP"),
    ("CT-RDSR-Siemens_Flash-TAP-SS.dcm", "113813", "DLP total"),
]


@pytest.mark.parametrize("walker", WALKERS)
@pytest.mark.parametrize(("sample", "code", "what"), REFUSED, ids=[r[2] for r in REFUSED])
def test_a_dose_with_several_values_is_refused_not_averaged(
    sample: str, code: str, what: str, walker: Walker, bounds: PlausibilityBounds
) -> None:
    data = _with_multi_valued_row(sample, code, ["1", "2", "3"])
    with pytest.raises(RdsrError) as caught:
        read_report(data, bounds, walker)
    assert caught.value.kind is ErrorKind.MULTIPLE_VALUES
    assert f"({code})" in caught.value.reason
    assert "3 values" in caught.value.reason


@pytest.mark.parametrize("walker", WALKERS)
def test_a_vendor_report_with_per_pulse_kvp_imports_with_its_totals(
    walker: Walker, bounds: PlausibilityBounds
) -> None:
    original = read_report(sample_bytes("RF-RDSR-GE.dcm"), bounds)
    report = read_report(
        _with_multi_valued_row("RF-RDSR-GE.dcm", KVP[0], ["60", "62", "64", "66"]), bounds, walker
    )
    assert report.kap_gycm2 == original.kap_gycm2
    assert report.ka_r_mgy == original.ka_r_mgy
    assert report.fluoro_time_s == original.fluoro_time_s
    changed = [e for e in report.events if len(e.kvp_per_pulse) == 4]
    assert len(changed) == 1
    assert math.isclose(changed[0].kvp or 0, 63.0)
