"""Bad roster input is refused with an error naming the field."""

from __future__ import annotations

from typing import Any

import pytest
from roster_data import call_type, person, problem

from irsuite.domain.roster import DaySet, RosterInputError, parse_problem


def errors_of(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(RosterInputError) as caught:
        parse_problem(data)
    return {e.field: e.message for e in caught.value.errors}


def test_it_reads_a_valid_problem_into_typed_values():
    data = problem(call_types=[call_type("night", "weeknights", night=True)])
    parsed = parse_problem(data)
    assert parsed.call_types[0].days is DaySet.WEEKNIGHTS
    assert parsed.call_types[0].night is True
    assert [s.id for s in parsed.staff] == ["s0", "s1", "s2", "s3"]


def test_it_refuses_an_end_before_the_start():
    errors = errors_of(problem(start="2027-03-14", end="2027-03-01"))
    assert "before start" in errors["end"]


def test_it_refuses_a_date_that_is_not_a_date():
    errors = errors_of(problem(start="14/03/2027"))
    assert "YYYY-MM-DD" in errors["start"]


def test_it_refuses_leave_for_unknown_staff():
    errors = errors_of(
        problem(leave=[{"staff": "ghost", "start": "2027-03-02", "end": "2027-03-03"}])
    )
    assert "unknown staff 'ghost'" in errors["leave[0].staff"]


def test_it_refuses_history_for_unknown_staff():
    errors = errors_of(problem(history={"nights": {"ghost": 3}}))
    assert "unknown staff" in errors["history.nights.ghost"]


def test_it_refuses_a_call_type_defined_twice():
    errors = errors_of(problem(call_types=[call_type("night"), call_type("night")]))
    assert "defined twice" in errors["call_types[1].name"]


def test_it_refuses_two_call_types_covering_the_same_days_site_and_kind():
    cts = [call_type("daily"), call_type("weekend cover", "weekends")]
    errors = errors_of(problem(call_types=cts))
    assert "'daily' and 'weekend cover' cover the same days" in errors["call_types"]


def test_it_accepts_a_day_and_a_night_call_type_on_the_same_days():
    cts = [call_type("weekend day", "weekends"), call_type("weekend night", "weekends", night=True)]
    assert len(parse_problem(problem(call_types=cts)).call_types) == 2


def test_it_accepts_the_same_days_at_two_sites_or_as_primary_and_backup():
    cts = [
        call_type("north", site="North"),
        call_type("south", site="South"),
        call_type("north backup", site="North", kind="backup"),
    ]
    assert len(parse_problem(problem(call_types=cts)).call_types) == 3


def test_it_refuses_leave_outside_the_period():
    staff = [person("s0", leave=["2027-04-01"]), person("s1")]
    errors = errors_of(problem(staff=staff))
    assert "outside the period" in errors["staff[0].leave[0]"]


def test_it_refuses_a_preferred_day_off_outside_the_period():
    staff = [person("s0", prefers_off=["2027-02-28"]), person("s1")]
    errors = errors_of(problem(staff=staff))
    assert "outside the period" in errors["staff[0].prefers_off[0]"]


def test_it_refuses_a_holiday_outside_the_period():
    errors = errors_of(problem(holidays=["2027-12-25"]))
    assert "outside the period" in errors["holidays[0]"]


@pytest.mark.parametrize("fte", [0, 0.0, 1.2, -0.5, "full"])
def test_it_refuses_an_fte_of_zero_or_above_one(fte):
    errors = errors_of(problem(staff=[person("s0", fte=fte), person("s1")]))
    assert "above 0 and at most 1" in errors["staff[0].fte"]


def test_it_refuses_an_unknown_staff_role():
    errors = errors_of(problem(staff=[person("s0", role="surgeon"), person("s1")]))
    assert "unknown value 'surgeon'" in errors["staff[0].role"]


def test_it_refuses_an_unknown_role_in_a_call_type():
    errors = errors_of(problem(call_types=[call_type("daily", roles=["attending", "wizard"])]))
    assert "unknown value 'wizard'" in errors["call_types[0].roles[1]"]


def test_it_refuses_an_unknown_day_set():
    errors = errors_of(problem(call_types=[call_type("daily", "fridays")]))
    assert "allowed: all, weeknights, weekends, holidays" in errors["call_types[0].days"]


def test_it_refuses_a_call_type_needing_nobody():
    errors = errors_of(problem(call_types=[call_type("daily", needs=0)]))
    assert "at least 1" in errors["call_types[0].needs"]


def test_it_refuses_an_unknown_rule():
    errors = errors_of(problem(rules={"max_nights_in_a_row": 2}))
    assert "unknown rule" in errors["rules.max_nights_in_a_row"]


def test_it_refuses_a_negative_limit():
    errors = errors_of(problem(rules={"max_per_month": -1}))
    assert "0 or more" in errors["rules.max_per_month"]


def test_it_refuses_a_duplicate_staff_id():
    errors = errors_of(problem(staff=[person("s0"), person("s0")]))
    assert "appears twice" in errors["staff[1].id"]


def test_it_lists_every_bad_field_at_once():
    data = problem(staff=[person("s0", fte=2), person("s1", role="pilot")], rules={"x": 1})
    assert {"staff[0].fte", "staff[1].role", "rules.x"} <= errors_of(data).keys()


def test_top_level_leave_ranges_become_leave_days():
    data = problem(leave=[{"staff": "s1", "start": "2027-03-02", "end": "2027-03-04"}])
    s1 = parse_problem(data).staff_by_id()["s1"]
    assert sorted(x.isoformat() for x in s1.leave) == ["2027-03-02", "2027-03-03", "2027-03-04"]
