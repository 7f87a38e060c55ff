"""An impossible roster is explained by the few rules and dates that clash."""

from __future__ import annotations

from roster_data import call_type, person, problem, solve


def rules_and_dates(out):
    return sorted((c["rule"], c["date"], c["staff"]) for c in out["conflict_details"])


def test_it_names_the_leave_that_leaves_a_day_uncovered():
    staff = [
        person("s0", leave=["2027-03-05"]),
        person("s1", leave=["2027-03-05", "2027-03-06"]),
        person("s2"),
    ]
    out = solve(problem(staff=staff, call_types=[call_type("daily", needs=2)]))
    assert out["status"] == "infeasible"
    assert out["assignments"] == []
    assert rules_and_dates(out) == [
        ("coverage", "2027-03-05", None),
        ("leave", "2027-03-05", "s0"),
        ("leave", "2027-03-05", "s1"),
    ]
    assert "'daily' on Fri 2027-03-05 needs 2 people (attending)" in out["conflicts"]
    assert "s1 is on leave on Fri 2027-03-05" in out["conflicts"]
    assert out["conflicts"][0] == "these rules cannot all hold together:"


def test_it_names_a_call_type_no_one_may_cover():
    cts = [call_type("daily"), call_type("fellow call", "weekends", roles=["fellow"], night=True)]
    out = solve(problem(call_types=cts))
    assert out["status"] == "infeasible"
    assert [(c["rule"], c["call_type"]) for c in out["conflict_details"]] == [
        ("coverage", "fellow call")
    ]


def test_it_names_the_monthly_limit_when_there_are_too_few_people():
    data = problem(end="2027-03-31", staff=[person("s0"), person("s1")])
    data["rules"] = {"max_per_month": 15}
    out = solve(data)
    assert out["status"] == "infeasible"
    assert {c["rule"] for c in out["conflict_details"]} == {"max_per_month", "coverage"}
    assert "at most 15 duties per person in 2027-03" in out["conflicts"]


def test_it_names_the_consecutive_limit_and_the_leave_that_forces_a_run():
    cts = [call_type("night", night=True)]
    staff = [person("s0"), person("s1", leave=["2027-03-03", "2027-03-04"])]
    data = problem(end="2027-03-04", call_types=cts, staff=staff, rules={"max_consecutive": 1})
    data["rules"]["no_duty_after_night"] = False
    out = solve(data)
    assert out["status"] == "infeasible"
    found = rules_and_dates(out)
    assert found == [
        ("coverage", "2027-03-03", None),
        ("coverage", "2027-03-04", None),
        ("leave", "2027-03-03", "s1"),
        ("leave", "2027-03-04", "s1"),
        ("max_consecutive", "2027-03-03", None),
    ]


def test_every_rule_it_names_is_needed_for_the_clash():
    staff = [person("s0", leave=["2027-03-05"]), person("s1", leave=["2027-03-05"])]
    staff.append(person("s2", leave=["2027-03-09"]))
    out = solve(problem(staff=staff, call_types=[call_type("daily", needs=2)]))
    assert out["status"] == "infeasible"
    dates = {c["date"] for c in out["conflict_details"]}
    assert len(dates) == 1, "one clashing day is enough to explain"
    assert len(out["conflict_details"]) == 3


def test_a_clash_deep_in_a_long_period_is_narrowed_to_its_day():
    day = "2027-04-14"
    staff = [person(f"s{k}", leave=[day]) for k in range(3)]
    out = solve(problem(end="2027-05-31", staff=staff, rules={"max_consecutive": 3}))
    assert out["status"] == "infeasible"
    assert out["conflicts"][0] == "these rules cannot all hold together:"
    assert rules_and_dates(out) == [
        ("coverage", day, None),
        ("leave", day, "s0"),
        ("leave", day, "s1"),
        ("leave", day, "s2"),
    ]
