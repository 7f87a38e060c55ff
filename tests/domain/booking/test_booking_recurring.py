from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from irsuite.domain.booking import Weekday, WeeklyWindow, expand, monday_of, week_start


def test_the_week_of_a_thursday_starts_on_the_monday_before():
    assert monday_of(date(2026, 3, 5)) == date(2026, 3, 2)
    assert week_start(date(2026, 3, 8)) == datetime(2026, 3, 2, 0, 0)


def test_a_tuesday_oncology_list_lands_on_the_tuesday_of_the_week():
    windows = [WeeklyWindow(Weekday.TUESDAY, time(8), time(13))]
    (span,) = expand(windows, date(2026, 3, 2))
    assert (span.start, span.end) == (datetime(2026, 3, 3, 8), datetime(2026, 3, 3, 13))


def test_weekday_opening_hours_give_five_days_in_time_order():
    windows = [WeeklyWindow(Weekday(d), time(8), time(18)) for d in reversed(range(5))]
    spans = expand(windows, date(2026, 3, 2), tz=ZoneInfo("Europe/Paris"))
    assert [s.start.day for s in spans] == [2, 3, 4, 5, 6]
    assert all(s.start.tzinfo == ZoneInfo("Europe/Paris") for s in spans)


def test_a_window_must_end_after_it_starts():
    with pytest.raises(ValueError, match="Monday: the window must end after it starts"):
        WeeklyWindow(Weekday.MONDAY, time(13), time(8))
