"""Vital signs highlighted during sedation (sedation.toml [vital_flags])."""

import pytest

from irsuite.domain.sedation.vitals import FlagKind, VitalSign, flag_vitals, parse_vital_flags
from irsuite.reference.loader import read_toml

RAW = read_toml("sedation.toml")
RULES = parse_vital_flags(RAW)
S = VitalSign


def flags(values, ramsay=None, baseline=None, kind="moderate"):
    found = flag_vitals(
        values, ramsay=ramsay, baseline_systolic=baseline, sedation_kind=kind, rules=RULES
    )
    return {(f.sign, f.kind) for f in found}


def test_spo2_86_and_respiratory_rate_7_are_low():
    assert flags({S.SPO2: 86, S.RESPIRATORY_RATE: 7}) == {
        ("spo2", FlagKind.LOW),
        ("respiratory_rate", FlagKind.LOW),
    }


def test_a_systolic_fall_of_35_percent_from_the_baseline_is_highlighted():
    assert flags({S.SYSTOLIC: 91}, baseline=140) == {("systolic", FlagKind.FALL)}
    assert flags({S.SYSTOLIC: 125}, baseline=140) == set()


def test_ramsay_5_is_too_deep_for_moderate_but_not_for_deep_sedation():
    assert flags({}, ramsay=5) == {("ramsay", FlagKind.DEEP)}
    assert flags({}, ramsay=5, kind="deep") == set()
    assert flags({}, ramsay=6, kind="general") == set()


def test_high_values_are_highlighted_too():
    assert flags({S.HEART_RATE: 140, S.SYSTOLIC: 230}) == {
        ("heart_rate", FlagKind.HIGH),
        ("systolic", FlagKind.HIGH),
    }


def test_every_threshold_has_a_source_and_is_not_yet_verified():
    for name, entry in RAW["vital_flags"].items():
        assert entry["source"].strip(), name
        assert entry["verified"] is False, name
    assert RAW["discharge"]["verified"] is False and RAW["episode"]["verified"] is False


def test_a_file_without_a_vital_sign_is_refused():
    broken = {"vital_flags": {k: v for k, v in RAW["vital_flags"].items() if k != "spo2"}}
    with pytest.raises(ValueError, match="vital_flags.spo2"):
        parse_vital_flags(broken)
