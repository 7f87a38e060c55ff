"""The checker names the rules a roster or a proposed swap breaks."""

from __future__ import annotations

from roster_data import call_type, d, parsed, person, problem

from irsuite.domain.roster import Assignment, RuleGroup, Swap, check_roster, check_swap

NIGHTS = [call_type("night", night=True), call_type("day")]


def rota(*rows: tuple[str, str, str]) -> list[Assignment]:
    return [Assignment(d(day), name, sid) for day, name, sid in rows]


def three_days():
    data = problem(end="2027-03-03", call_types=NIGHTS, staff=[person(f"s{k}") for k in range(4)])
    data["staff"][3]["leave"] = ["2027-03-02"]
    roster = rota(
        ("2027-03-01", "night", "s0"),
        ("2027-03-01", "day", "s1"),
        ("2027-03-02", "night", "s1"),
        ("2027-03-02", "day", "s2"),
        ("2027-03-03", "night", "s2"),
        ("2027-03-03", "day", "s3"),
    )
    return parsed(data), roster


def test_a_valid_roster_breaks_no_rule():
    prob, roster = three_days()
    assert check_roster(prob, roster) == []


def test_a_swap_that_keeps_every_rule_is_allowed():
    prob, roster = three_days()
    assert check_swap(prob, roster, Swap("s3", "s0", d("2027-03-03"), "day")) == []


def test_a_swap_onto_someones_leave_day_is_refused_for_leave():
    prob, roster = three_days()
    broken = check_swap(prob, roster, Swap("s2", "s3", d("2027-03-02"), "day"))
    assert [(v.rule, v.staff) for v in broken] == [(RuleGroup.LEAVE, "s3")]


def test_a_swap_onto_the_day_after_a_night_is_refused():
    prob, roster = three_days()
    broken = check_swap(prob, roster, Swap("s2", "s0", d("2027-03-02"), "day"))
    assert [v.rule for v in broken] == [RuleGroup.NO_DUTY_AFTER_NIGHT]
    assert "after a night on 'night'" in broken[0].message


def test_a_swap_giving_someone_two_duties_on_a_day_is_refused():
    prob, roster = three_days()
    broken = check_swap(prob, roster, Swap("s1", "s2", d("2027-03-02"), "night"))
    assert RuleGroup.ONE_DUTY_PER_DAY in {v.rule for v in broken}


def test_a_swap_to_a_role_that_may_not_cover_the_call_is_refused():
    prob, roster = three_days()
    data = problem(end="2027-03-03", call_types=NIGHTS)
    data["staff"].append(person("f0", role="fellow"))
    prob = parsed(data)
    broken = check_swap(prob, roster, Swap("s1", "f0", d("2027-03-01"), "day"))
    assert [v.rule for v in broken] == [RuleGroup.ROLE]


def test_a_two_way_swap_is_checked_after_both_moves():
    prob, roster = three_days()
    fine = Swap("s0", "s3", d("2027-03-01"), "night", d("2027-03-03"), "day")
    assert check_swap(prob, roster, fine) == []
    clash = Swap("s0", "s1", d("2027-03-01"), "night", d("2027-03-02"), "night")
    broken = check_swap(prob, roster, clash)
    assert [(v.rule, v.staff, v.day) for v in broken] == [
        (RuleGroup.ONE_DUTY_PER_DAY, "s1", d("2027-03-01"))
    ]


def test_a_swap_of_a_duty_the_giver_does_not_hold_is_refused():
    prob, roster = three_days()
    broken = check_swap(prob, roster, Swap("s0", "s3", d("2027-03-03"), "day"))
    assert [v.rule for v in broken] == [RuleGroup.COVERAGE]
    assert "s0 is not on 'day'" in broken[0].message


def test_the_checker_flags_missing_cover_and_monthly_and_rest_limits():
    data = problem(end="2027-03-04", call_types=[call_type("day")], staff=[person("s0")])
    data["rules"] = {"max_per_month": 2, "max_consecutive": 2, "min_rest_days": 1}
    prob = parsed(data)
    roster = rota(
        ("2027-03-01", "day", "s0"), ("2027-03-02", "day", "s0"), ("2027-03-03", "day", "s0")
    )
    rules = {v.rule for v in check_roster(prob, roster)}
    assert rules == {
        RuleGroup.COVERAGE,
        RuleGroup.MAX_PER_MONTH,
        RuleGroup.MAX_CONSECUTIVE,
        RuleGroup.MIN_REST,
    }


def test_the_checker_flags_a_trainee_without_an_attending():
    data = problem(end="2027-03-01", call_types=[call_type("first", roles=["fellow"])])
    data["staff"] = [person("f0", role="fellow"), person("a0")]
    data["rules"] = {"pair_trainee_with_attending": True}
    broken = check_roster(parsed(data), rota(("2027-03-01", "first", "f0")))
    assert [v.rule for v in broken] == [RuleGroup.PAIRING]
