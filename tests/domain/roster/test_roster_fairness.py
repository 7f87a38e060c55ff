"""Nights, weekends and holidays are shared by FTE; preferences come second."""

from __future__ import annotations

from collections import Counter

from roster_data import call_type, person, problem, roster_of, solve

from irsuite.domain.roster.fair_model import Member, min_deviation


def counts(out, call=None):
    return Counter(a.staff for a in roster_of(out) if call is None or a.call_type == call)


def test_four_equal_people_share_four_weeks_of_nights_equally():
    out = solve(problem(end="2027-03-28", call_types=[call_type("night", night=True)]))
    assert out["status"] == "optimal"
    assert out["fairness"]["nights"]["spread"] == 0
    assert set(counts(out).values()) == {7}


def test_a_half_time_person_takes_half_as_many_nights():
    staff = [person("a"), person("b"), person("c", fte=0.5)]
    data = problem(end="2027-03-20", call_types=[call_type("night", night=True)], staff=staff)
    out = solve(data)
    assert out["status"] == "optimal"
    assert counts(out) == {"a": 8, "b": 8, "c": 4}
    assert out["fairness"]["nights"]["per_fte"] == {"a": 8.0, "b": 8.0, "c": 8.0}


def test_holidays_go_to_those_who_worked_fewer_holidays_before():
    cts = [
        call_type("weekday", "weeknights"),
        call_type("weekend", "weekends"),
        call_type("holiday", "holidays"),
    ]
    history = {"holidays": {"s0": 2, "s1": 2, "s2": 0, "s3": 0}}
    data = problem(call_types=cts, holidays=["2027-03-03", "2027-03-10"], history=history)
    out = solve(data)
    assert out["status"] == "optimal"
    assert counts(out, "holiday") == {"s2": 1, "s3": 1}
    assert out["fairness"]["holidays"]["with_history"] == {"s0": 2, "s1": 2, "s2": 1, "s3": 1}


def test_weekends_are_spread_within_one_per_fte():
    cts = [call_type("weekday", "weeknights"), call_type("weekend", "weekends", needs=2)]
    data = problem(end="2027-04-25", call_types=cts, staff=[person(f"s{k}") for k in range(6)])
    out = solve(data)
    assert out["status"] == "optimal"
    assert out["fairness"]["weekends"]["spread"] <= 1


def test_preferred_days_off_are_honoured_when_fairness_allows():
    staff = [
        person("s0", prefers_off=["2027-03-01", "2027-03-02", "2027-03-03"]),
        person("s1", prefers_off=["2027-03-01", "2027-03-05"]),
        person("s2", prefers_off=["2027-03-08"]),
        person("s3", prefers_off=["2027-03-09", "2027-03-10"]),
    ]
    out = solve(problem(staff=staff, call_types=[call_type("night", night=True)]))
    assert out["status"] == "optimal"
    assert out["preferences"]["honoured"] == 8
    assert out["preferences"]["not_honoured"] == []
    assert out["fairness"]["nights"]["spread"] <= 1


def test_fairness_wins_over_a_preference_that_would_make_it_unfair():
    days = ["2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04"]
    staff = [person("s0", prefers_off=days), person("s1")]
    night = [call_type("night", night=True)]
    out = solve(problem(end="2027-03-04", staff=staff, call_types=night))
    assert out["status"] == "optimal"
    assert counts(out) == {"s0": 2, "s1": 2}
    assert len(out["preferences"]["not_honoured"]) == 2


def test_an_optimal_result_reports_a_zero_gap_and_its_bounds():
    out = solve(problem(call_types=[call_type("night", night=True)]))
    assert out["status"] == "optimal"
    assert out["objective"] == out["best_bound"]
    assert out["gap"] == 0
    assert out["conflicts"] == []


def test_plain_weekday_duties_are_shared_too():
    out = solve(problem(end="2027-03-12", call_types=[call_type("day", "weeknights")]))
    assert out["status"] == "optimal"
    assert out["fairness"]["duties"]["spread"] <= 1
    assert sorted(counts(out).values()) == [2, 2, 3, 3]


def test_fellows_and_residents_sharing_a_call_are_compared_with_each_other():
    cts = [
        call_type("trainee call", roles=["fellow", "resident"], night=True),
        call_type("attending call", roles=["attending"], night=True, kind="backup"),
    ]
    staff = [
        person("f0", role="fellow"),
        person("r0", role="resident"),
        person("r1", role="resident"),
    ]
    staff += [person("a0"), person("a1")]
    out = solve(problem(end="2027-03-12", call_types=cts, staff=staff))
    assert out["status"] == "optimal"
    trainee = counts(out, "trainee call")
    assert sorted(trainee.values()) == [4, 4, 4]
    assert counts(out, "attending call") == {"a0": 6, "a1": 6}


def test_the_smallest_whole_number_deviation_is_found_directly():
    three = [Member(100, 0, 10)] * 3
    assert min_deviation(9, three, 10**6) == 0
    # 10 duties for 3 people: 4, 3, 3 against a share of 3.33 is 0.67 per FTE at worst
    assert min_deviation(10, three, 10**6) == 67
    # a person who can take at most 1 duty forces the others above their share
    capped = [Member(100, 0, 1), Member(100, 0, 10), Member(100, 0, 10)]
    assert min_deviation(9, capped, 10**6) == 200
