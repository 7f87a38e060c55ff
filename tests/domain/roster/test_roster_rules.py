"""Every hard rule holds in the optimised roster."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

from roster_data import call_type, d, parsed, person, problem, roster_of, solve

from irsuite.domain.roster import check_roster


def duty_days(out):
    days = defaultdict(set)
    for a in roster_of(out):
        days[a.staff].add(a.day)
    return days


def test_it_covers_every_call_type_on_every_day_it_runs_with_the_allowed_roles():
    cts = [
        call_type("weeknight", "weeknights", night=True),
        call_type("weekend", "weekends", needs=2, roles=["attending", "fellow"]),
    ]
    staff = [person(f"a{k}") for k in range(5)] + [person("f0", role="fellow")]
    data = problem(call_types=cts, staff=staff)
    out = solve(data)
    assert out["status"] == "optimal"
    per_slot = Counter((a.day, a.call_type) for a in roster_of(out))
    assert sum(1 for (_, name) in per_slot if name == "weeknight") == 10
    assert all(n == 2 for (_, name), n in per_slot.items() if name == "weekend")
    assert not [a for a in roster_of(out) if a.call_type == "weeknight" and a.staff == "f0"]
    assert check_roster(parsed(data), roster_of(out)) == []


def test_nobody_is_rostered_on_leave():
    staff = [person("s0", leave=["2027-03-02", "2027-03-03", "2027-03-04"]), person("s1")]
    out = solve(problem(staff=staff))
    assert out["status"] == "optimal"
    assert not duty_days(out)["s0"] & {d("2027-03-02"), d("2027-03-03"), d("2027-03-04")}


def test_nobody_takes_two_duties_on_one_day():
    cts = [call_type("day"), call_type("night", night=True)]
    out = solve(problem(call_types=cts, staff=[person(f"s{k}") for k in range(4)]))
    assert out["status"] == "optimal"
    assert max(Counter((a.staff, a.day) for a in roster_of(out)).values()) == 1


def test_nobody_works_the_day_after_a_night():
    cts = [call_type("day"), call_type("night", night=True)]
    out = solve(problem(call_types=cts, staff=[person(f"s{k}") for k in range(3)]))
    assert out["status"] == "optimal"
    days = duty_days(out)
    for a in roster_of(out):
        if a.call_type == "night":
            assert a.day + timedelta(days=1) not in days[a.staff]


def test_the_day_after_a_night_is_free_only_while_the_rule_is_on():
    cts = [call_type("day"), call_type("night", night=True)]
    data = problem(call_types=cts, staff=[person("s0"), person("s1")])
    assert solve(data)["status"] == "infeasible"
    data["rules"] = {"no_duty_after_night": False}
    assert solve(data)["status"] == "optimal"


def test_nobody_works_more_days_in_a_row_than_allowed():
    staff = [person("s0"), person("s1", leave=["2027-03-05", "2027-03-06", "2027-03-07"])]
    out = solve(problem(staff=staff, rules={"max_consecutive": 3}))
    assert out["status"] == "optimal"
    days = duty_days(out)["s0"]
    for first in (d("2027-03-01") + timedelta(days=k) for k in range(11)):
        assert sum(first + timedelta(days=j) in days for j in range(4)) <= 3


def test_min_rest_days_turns_three_people_into_a_strict_rotation():
    staff = [person(f"s{k}") for k in range(3)]
    out = solve(problem(staff=staff, rules={"min_rest_days": 2}))
    assert out["status"] == "optimal"
    order = [a.staff for a in sorted(roster_of(out))]
    assert all(order[k] == order[k + 3] for k in range(len(order) - 3))
    assert len(set(order[:3])) == 3


def test_nobody_exceeds_the_monthly_limit():
    data = problem(end="2027-03-31", staff=[person(f"s{k}", fte=1.0) for k in range(4)])
    data["staff"][0]["fte"] = 0.5  # fairness alone would not cap anyone at 8
    data["rules"] = {"max_per_month": 8}
    out = solve(data)
    assert out["status"] == "optimal"
    assert max(Counter(a.staff for a in roster_of(out)).values()) <= 8


def test_a_trainee_on_call_has_an_attending_on_call_the_same_day():
    cts = [
        call_type("first call", roles=["fellow", "attending"]),
        call_type("backup", roles=["attending"], kind="backup"),
    ]
    staff = [person("a0"), person("a1"), person("a2"), person("f0", role="fellow")]
    staff[0]["leave"] = ["2027-03-03"]
    data = problem(call_types=cts, staff=staff, rules={"pair_trainee_with_attending": True})
    out = solve(data)
    assert out["status"] == "optimal"
    on = defaultdict(set)
    for a in roster_of(out):
        on[a.day].add(a.staff)
    for day, people in on.items():
        if "f0" in people:
            assert people & {"a0", "a1", "a2"}, day
    assert check_roster(parsed(data), roster_of(out)) == []


def test_a_trainee_alone_cannot_be_rostered_when_pairing_is_required():
    cts = [call_type("trainee call", roles=["fellow"])]
    staff = [person("f0", role="fellow"), person("f1", role="fellow")]
    data = problem(end="2027-03-02", call_types=cts, staff=staff)
    assert solve(data)["status"] == "optimal"
    data["rules"] = {"pair_trainee_with_attending": True}
    out = solve(data)
    assert out["status"] == "infeasible"
    details = out["conflict_details"]
    assert sorted(c["rule"] for c in details) == ["coverage", "pair_trainee_with_attending"]
    assert details[0]["date"] == details[1]["date"]
