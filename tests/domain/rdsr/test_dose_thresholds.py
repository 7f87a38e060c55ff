"""Study and cumulative checks against NCRP 168 / SIR-CIRSE levels from the reference file."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from rdsr_samples import REFERENCE

from irsuite.domain.dose_thresholds import (
    DatedDose,
    DoseQuantity,
    DoseThresholds,
    LevelKind,
    StudyDose,
    check_patient_cumulative,
    check_study,
    notification_points,
    parse_dose_thresholds,
)


@pytest.fixture(scope="module")
def thresholds() -> DoseThresholds:
    return parse_dose_thresholds(tomllib.loads((REFERENCE / "dose_thresholds.toml").read_text()))


def test_every_level_in_the_reference_file_has_a_source_and_a_verified_flag(
    thresholds: DoseThresholds,
) -> None:
    assert len(thresholds.levels) >= 12
    assert all(level.source and isinstance(level.verified, bool) for level in thresholds.levels)
    ka_r_srdl = thresholds.level(DoseQuantity.KA_R_MGY, LevelKind.SRDL)
    assert ka_r_srdl is not None and ka_r_srdl.value == 5000 and ka_r_srdl.verified
    kap_first = thresholds.level(DoseQuantity.KAP_GYCM2, LevelKind.FIRST_NOTIFICATION)
    assert kap_first is not None and not kap_first.verified  # marked (verify) in the summary
    assert thresholds.cumulative.window_days == 60 and not thresholds.cumulative.verified
    assert thresholds.skin_checks is not None
    assert thresholds.skin_checks.after_days == (21, 51)


def test_a_study_under_every_level_reaches_nothing(thresholds: DoseThresholds) -> None:
    check = check_study(StudyDose(ka_r_mgy=900, kap_gycm2=80, fluoro_time_s=600), thresholds)
    assert check.exceedances == ()
    assert check.notifications == {}
    assert not check.over_srdl


def test_the_operator_is_notified_at_3_gy_and_every_further_gray(
    thresholds: DoseThresholds,
) -> None:
    assert notification_points(DoseQuantity.KA_R_MGY, 2999, thresholds) == ()
    assert notification_points(DoseQuantity.KA_R_MGY, 3000, thresholds) == (3000,)
    assert notification_points(DoseQuantity.KA_R_MGY, 4500, thresholds) == (3000, 4000)
    check = check_study(StudyDose(ka_r_mgy=4500), thresholds)
    assert not check.over_srdl
    assert check.notifications[DoseQuantity.KA_R_MGY] == (3000, 4000)


def test_a_study_at_5_gy_ka_r_is_over_the_srdl(thresholds: DoseThresholds) -> None:
    check = check_study(StudyDose(ka_r_mgy=5200, kap_gycm2=320), thresholds)
    assert check.over_srdl
    srdl = [e for e in check.exceedances if e.kind is LevelKind.SRDL]
    assert [(e.quantity, e.threshold) for e in srdl] == [(DoseQuantity.KA_R_MGY, 5000)]
    assert "NCRP" in srdl[0].source


def test_kap_and_fluoroscopy_time_have_their_own_srdl(thresholds: DoseThresholds) -> None:
    check = check_study(StudyDose(kap_gycm2=510, fluoro_time_s=3700), thresholds)
    reached = {(e.quantity, e.kind) for e in check.exceedances}
    assert (DoseQuantity.KAP_GYCM2, LevelKind.SRDL) in reached
    assert (DoseQuantity.FLUORO_TIME_S, LevelKind.SRDL) in reached


def test_an_estimated_skin_dose_over_10_gy_asks_for_a_physicist(
    thresholds: DoseThresholds,
) -> None:
    check = check_study(StudyDose(psd_mgy=11_000), thresholds)
    kinds = {e.kind for e in check.exceedances if e.quantity is DoseQuantity.PSD_MGY}
    assert {LevelKind.SRDL, LevelKind.PHYSICIST_REVIEW} <= kinds
    assert LevelKind.SENTINEL not in kinds


def test_a_patients_doses_within_60_days_add_up_to_an_srdl(
    thresholds: DoseThresholds,
) -> None:
    today = dt.date(2026, 11, 23)
    doses = [
        DatedDose(today - dt.timedelta(days=90), 4000),  # outside the window
        DatedDose(today - dt.timedelta(days=60), 2000),  # first day of the window
        DatedDose(today - dt.timedelta(days=10), 1800),
        DatedDose(today, 1500),
    ]
    check = check_patient_cumulative(doses, today, thresholds)
    assert check.studies == 3
    assert check.total_mgy == pytest.approx(5300)
    assert [e.kind for e in check.exceedances] == [LevelKind.FIRST_NOTIFICATION, LevelKind.SRDL]


def test_doses_older_than_the_window_are_not_counted(thresholds: DoseThresholds) -> None:
    today = dt.date(2026, 11, 23)
    doses = [DatedDose(today - dt.timedelta(days=61), 4900), DatedDose(today, 200)]
    check = check_patient_cumulative(doses, today, thresholds)
    assert check.total_mgy == pytest.approx(200)
    assert check.exceedances == ()


def test_a_malformed_threshold_file_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_dose_thresholds(
            {
                "level": [],
                "cumulative": {
                    "quantity": "ka_r_mgy",
                    "window_days": 0,
                    "source": "x",
                    "verified": False,
                },
            }
        )
