"""Matching of worklist query keys, case by case from PS3.4 C.2.2.2."""

from __future__ import annotations

import datetime as dt

import pytest

from irsuite.domain.dicom_matching import (
    MatchKeyError,
    Vr,
    date_range,
    is_universal,
    matches_date,
    matches_start,
    matches_text,
    matches_time,
    matches_uid,
    time_range,
)

D = dt.date
T = dt.time


@pytest.mark.parametrize(
    ("value", "key", "vr", "expected"),
    [
        # C.2.2.2.3 universal matching: absent, empty or only "*".
        ("XA", None, Vr.CS, True),
        ("XA", "", Vr.CS, True),
        ("XA", "*", Vr.CS, True),
        ("", "*", Vr.CS, True),
        # C.2.2.2.1 single value: exact, spaces not significant, case significant but for PN.
        ("XA", "XA", Vr.CS, True),
        ("XA", "XA ", Vr.CS, True),
        ("XA", "xa", Vr.CS, False),
        ("XA", "CT", Vr.CS, False),
        ("SBH_ANGIO1", "SBH_ANGIO1", Vr.AE, True),
        ("Example^Ada", "EXAMPLE^ADA", Vr.PN, True),
        ("Müller^Zoë", "MULLER^ZOE", Vr.PN, True),
        ("Müller^Zoë", "Müller^Zoë", Vr.PN, True),
        ("Example^Ada", "Example", Vr.PN, False),
        # C.2.2.2.4 wildcards: "*" any run, "?" one character.
        ("Example^Ada", "Ex*", Vr.PN, True),
        ("Example^Ada", "ex*", Vr.PN, True),
        ("Example^Ada", "*^Ada", Vr.PN, True),
        ("Example^Ada", "Exampl?^Ada", Vr.PN, True),
        ("Example^Ada", "Exampl?", Vr.PN, False),
        ("IR0000000012", "IR*12", Vr.SH, True),
        ("IR0000000012", "IR?12", Vr.SH, False),
        ("SBH_ANGIO1", "SBH_*", Vr.AE, True),
        ("SBH_ANGIO1", "sbh_*", Vr.AE, False),
        # Regex characters in a key are literal.
        ("A.B", "A.B", Vr.LO, True),
        ("AxB", "A.B", Vr.LO, False),
        ("A+B", "A+*", Vr.LO, True),
        # Only the alphabetic group of a PN counts.
        ("Yamada^Tarou=山田^太郎", "YAMADA^TAROU", Vr.PN, True),
    ],
)
def test_text_matching_follows_ps3_4(value: str, key: str | None, vr: Vr, expected: bool) -> None:
    assert matches_text(value, key, vr) is expected


@pytest.mark.parametrize(
    ("value", "key", "expected"),
    [
        ("1.2.3", "1.2.3", True),
        ("1.2.3", "1.2.4\\1.2.3", True),  # C.2.2.2.2 list of UIDs
        ("1.2.3", "1.2.4\\1.2.5", False),
        ("1.2.3", "", True),
        ("1.2.3", None, True),
        ("1.2.3", "1.2.*", False),  # no wildcards for UI
    ],
)
def test_uid_list_matching(value: str, key: str | None, expected: bool) -> None:
    assert matches_uid(value, key) is expected


@pytest.mark.parametrize(
    ("value", "key", "expected"),
    [
        (D(2026, 12, 6), "20261206", True),
        (D(2026, 12, 6), "20261205", False),
        (D(2026, 12, 6), "20261201-20261231", True),
        (D(2026, 12, 6), "20261206-", True),  # open end
        (D(2026, 12, 5), "20261206-", False),
        (D(2026, 12, 6), "-20261206", True),  # open start
        (D(2026, 12, 7), "-20261206", False),
        (None, "20261206", False),  # an unknown date matches only universal
        (None, "", True),
    ],
)
def test_date_single_and_range_matching(value: dt.date | None, key: str, expected: bool) -> None:
    assert matches_date(value, key) is expected


@pytest.mark.parametrize(
    ("value", "key", "expected"),
    [
        (T(9, 30), "093000", True),
        (T(9, 30), "0930", True),
        (T(9, 30, 40), "0930", True),  # a partial time covers its unit
        (T(9, 30), "0800-1000", True),
        (T(9, 30), "-1200", True),
        (T(12, 0, 30), "-1200", True),
        (T(12, 1), "-1200", False),
        (T(9, 30), "1000-", False),
        (T(10, 0), "1000-", True),
        (T(9, 30), "09-09", True),
    ],
)
def test_time_single_and_range_matching(value: dt.time, key: str, expected: bool) -> None:
    assert matches_time(value, key) is expected


@pytest.mark.parametrize(
    ("start", "date_key", "time_key", "expected"),
    [
        (dt.datetime(2026, 12, 6, 9, 0), "20261206", "", True),
        (dt.datetime(2026, 12, 6, 9, 0), "20261206", "0800-1000", True),
        (dt.datetime(2026, 12, 6, 11, 0), "20261206", "0800-1000", False),
        # C.2.2.2.5.1 combined: from 6 Dec 22:00 to 7 Dec 02:00 takes a case past midnight.
        (dt.datetime(2026, 12, 7, 1, 0), "20261206-20261207", "2200-0200", True),
        (dt.datetime(2026, 12, 6, 23, 0), "20261206-20261207", "2200-0200", True),
        (dt.datetime(2026, 12, 6, 21, 0), "20261206-20261207", "2200-0200", False),
        (dt.datetime(2026, 12, 6, 9, 0), "", "0800-1000", True),  # time only: any day
        (dt.datetime(2026, 12, 6, 9, 0), "", "", True),
        (None, "20261206", "", False),
    ],
)
def test_start_date_and_time_combine(
    start: dt.datetime | None, date_key: str, time_key: str, expected: bool
) -> None:
    assert matches_start(start, date_key, time_key) is expected


@pytest.mark.parametrize(
    "key", ["2026-12-06", "20261306", "202612", "2026120-", "20261206-20261207-20261208", "-"]
)
def test_a_date_key_of_the_wrong_form_is_refused_with_the_form_expected(key: str) -> None:
    with pytest.raises(MatchKeyError):
        date_range(key)


@pytest.mark.parametrize("key", ["25", "9:30", "0961", "ab"])
def test_a_time_key_of_the_wrong_form_is_refused(key: str) -> None:
    with pytest.raises(MatchKeyError):
        time_range(key)


def test_universal_keys() -> None:
    assert is_universal(None) and is_universal("") and is_universal("**") and is_universal(" ")
    assert not is_universal("A*")
