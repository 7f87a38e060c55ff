"""The greedy baseline gives a valid roster in the same shape; the optimiser is never worse."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from roster_data import EXACT, call_type, parsed, person, problem, roster_of

from irsuite.domain.roster import check_roster, solve_greedy, solve_problem

WEEKLY = [
    call_type("weeknight", "weeknights", night=True),
    call_type("weekend day", "weekends"),
    call_type("weekend night", "weekends", night=True),
]


def test_the_greedy_baseline_fills_an_easy_roster_within_the_rules():
    data = problem(end="2027-03-28", call_types=WEEKLY, staff=[person(f"s{k}") for k in range(6)])
    data["rules"] = {"max_consecutive": 2, "max_per_month": 8}
    out = solve_greedy(parsed(data))
    assert out["status"] == "feasible"
    assert check_roster(parsed(data), roster_of(out)) == []
    assert set(out) >= {"status", "assignments", "fairness", "conflicts", "gap", "solve_time_s"}


def test_the_greedy_baseline_names_the_slots_it_could_not_fill():
    staff = [person("s0", leave=["2027-03-02"])]
    out = solve_greedy(parsed(problem(end="2027-03-03", staff=staff)))
    assert out["status"] == "infeasible"
    assert out["conflicts"] == ["'daily' on Tue 2027-03-02 needs 1 person (attending): only 0 free"]


@st.composite
def small_problems(draw):
    people = draw(st.integers(min_value=2, max_value=6))
    days = draw(st.integers(min_value=3, max_value=12))
    start = date(2027, 3, 1)
    staff = []
    for k in range(people):
        leave = draw(st.sets(st.integers(0, days - 1), max_size=3))
        fte = draw(st.sampled_from([1.0, 1.0, 0.5, 0.8]))
        off = [(start + timedelta(days=i)).isoformat() for i in sorted(leave)]
        staff.append(person(f"s{k}", fte=fte, leave=off))
    rules = {
        "no_duty_after_night": draw(st.booleans()),
        "max_consecutive": draw(st.sampled_from([None, 1, 2, 3])),
        "min_rest_days": draw(st.sampled_from([0, 0, 1])),
    }
    end = (start + timedelta(days=days - 1)).isoformat()
    return problem(start=start.isoformat(), end=end, call_types=WEEKLY, staff=staff, rules=rules)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_the_optimiser_finds_a_valid_roster_whenever_the_greedy_one_does(data):
    prob = parsed(data)
    best = solve_problem(prob, EXACT)
    assert best["status"] in {"optimal", "infeasible"}
    if best["status"] == "optimal":
        assert check_roster(prob, roster_of(best)) == []
    else:
        assert len(best["conflicts"]) > 1
    if solve_greedy(prob)["status"] == "feasible":
        assert best["status"] == "optimal"
