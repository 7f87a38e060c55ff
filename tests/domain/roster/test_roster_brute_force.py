"""On tiny problems, every possible roster is tried: the optimiser must agree on whether a
roster exists and on the best fairness that can be reached."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from roster_data import EXACT, call_type, person, problem

from irsuite.domain.roster import Assignment, check_roster, parse_problem, solve_problem
from irsuite.domain.roster.calendar import slots
from irsuite.domain.roster.fairness import counts


def worst_deviation(prob, roster):
    """Sum over kinds of the largest per-FTE deviation, in hundredths, rounded up."""
    got = counts(prob, roster)
    total = 0
    fte = {s.id: s.fte_hundredths for s in prob.staff}
    for kind, per in got.items():
        kind_slots = [s for s in slots(prob) if kind in s.kinds]
        if not kind_slots or len(prob.staff) < 2:
            continue
        duties = sum(s.call_type.needs for s in kind_slots)
        fte_sum = sum(fte.values())
        worst = 0
        for sid, f in fte.items():
            gap = abs(per.get(sid, 0) * fte_sum - f * duties) * 10000
            worst = max(worst, -(-gap // (f * fte_sum)))
        total += worst
    return total


@st.composite
def tiny_problems(draw):
    days = draw(st.integers(min_value=2, max_value=5))
    start = date(2027, 3, 5)  # a Friday, so weekends appear
    people = draw(st.integers(min_value=2, max_value=3))
    staff = []
    for k in range(people):
        leave = draw(st.sets(st.integers(0, days - 1), max_size=2))
        staff.append(
            person(
                f"s{k}",
                fte=draw(st.sampled_from([1.0, 0.5])),
                leave=[(start + timedelta(days=i)).isoformat() for i in sorted(leave)],
            )
        )
    rules = {
        "no_duty_after_night": draw(st.booleans()),
        "max_consecutive": draw(st.sampled_from([None, 1, 2])),
        "min_rest_days": draw(st.sampled_from([0, 1])),
    }
    cts = [call_type("call", "all", night=draw(st.booleans()))]
    end = (start + timedelta(days=days - 1)).isoformat()
    holidays = [start.isoformat()] if draw(st.booleans()) else []
    return problem(
        start=start.isoformat(),
        end=end,
        call_types=cts,
        staff=staff,
        rules=rules,
        holidays=holidays,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_problems())
def test_the_optimiser_agrees_with_trying_every_roster(data):
    prob = parse_problem(data)
    all_slots = slots(prob)
    ids = [s.id for s in prob.staff]
    valid = []
    for choice in itertools.product(ids, repeat=len(all_slots)):
        pairs = zip(all_slots, choice, strict=True)
        roster = [Assignment(s.day, s.call_type.name, sid) for s, sid in pairs]
        if not check_roster(prob, roster):
            valid.append(roster)
    out = solve_problem(prob, EXACT)
    if not valid:
        assert out["status"] == "infeasible"
        assert out["conflict_details"], "an impossible roster must be explained"
        return
    assert out["status"] == "optimal"
    assert out["objective"] == min(worst_deviation(prob, r) for r in valid)
