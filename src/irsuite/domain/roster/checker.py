"""Checking a roster against the hard rules, and checking a proposed swap."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from irsuite.domain.roster import words
from irsuite.domain.roster.calendar import month_key, slots
from irsuite.domain.roster.types import (
    TRAINEE_ROLES,
    Assignment,
    CallType,
    Role,
    RosterProblem,
    RuleGroup,
    Violation,
)


def check_roster(problem: RosterProblem, roster: Iterable[Assignment]) -> list[Violation]:
    """Every hard rule ``roster`` breaks, sorted by date; empty when the roster is valid."""
    roster = list(roster)
    out = _coverage(problem, roster) + _people(problem, roster)
    duties = _duty_days(roster)
    out += _after_night(problem, roster, duties)
    out += _windows(problem, duties)
    out += _per_month(problem, duties)
    out += _pairing(problem, roster)
    return sorted(set(out), key=lambda v: (v.day or date.min, v.rule, v.staff or "", v.message))


def _coverage(problem: RosterProblem, roster: list[Assignment]) -> list[Violation]:
    filled: dict[tuple[date, str], int] = defaultdict(int)
    for a in roster:
        filled[(a.day, a.call_type)] += 1
    out: list[Violation] = []
    names = {ct.name for ct in problem.call_types}
    for slot in slots(problem):
        n = filled.pop((slot.day, slot.call_type.name), 0)
        if n != slot.call_type.needs:
            text = f"{words.coverage(slot.call_type, slot.day)} but has {n}"
            out.append(Violation(RuleGroup.COVERAGE, slot.day, None, slot.call_type.name, text))
    for (day, name), _ in filled.items():
        why = "is not a call type" if name not in names else "does not run on that day"
        text = f"{name!r} on {words.day_text(day)} {why}"
        out.append(Violation(RuleGroup.COVERAGE, day, None, name, text))
    return out


def _people(problem: RosterProblem, roster: list[Assignment]) -> list[Violation]:
    staff = problem.staff_by_id()
    cts = {ct.name: ct for ct in problem.call_types}
    per_day: dict[tuple[str, date], int] = defaultdict(int)
    out: list[Violation] = []
    for a in roster:
        per_day[(a.staff, a.day)] += 1
        person, ct = staff.get(a.staff), cts.get(a.call_type)
        if person is None:
            text = f"{a.staff!r} is not on the staff list"
            out.append(Violation(RuleGroup.ROLE, a.day, a.staff, a.call_type, text))
            continue
        if ct is not None and person.role not in ct.roles:
            text = f"{a.staff} ({person.role.value}) may not cover {ct.name!r}"
            out.append(Violation(RuleGroup.ROLE, a.day, a.staff, a.call_type, text))
        if a.day in person.leave:
            out.append(
                Violation(RuleGroup.LEAVE, a.day, a.staff, a.call_type, words.leave(a.staff, a.day))
            )
    for (sid, day), n in per_day.items():
        if n > 1:
            text = f"{sid} has {n} duties on {words.day_text(day)}"
            out.append(Violation(RuleGroup.ONE_DUTY_PER_DAY, day, sid, None, text))
    return out


def _duty_days(roster: list[Assignment]) -> dict[str, set[date]]:
    out: dict[str, set[date]] = defaultdict(set)
    for a in roster:
        out[a.staff].add(a.day)
    return out


def _after_night(
    problem: RosterProblem, roster: list[Assignment], duties: dict[str, set[date]]
) -> list[Violation]:
    if not problem.rules.no_duty_after_night:
        return []
    nights = {ct.name for ct in problem.call_types if ct.night}
    out: list[Violation] = []
    for a in roster:
        nxt = a.day + timedelta(days=1)
        if a.call_type in nights and nxt in duties.get(a.staff, set()):
            text = f"{a.staff} works {words.day_text(nxt)} after a night on {a.call_type!r}"
            out.append(Violation(RuleGroup.NO_DUTY_AFTER_NIGHT, nxt, a.staff, None, text))
    return out


def _windows(problem: RosterProblem, duties: dict[str, set[date]]) -> list[Violation]:
    rules, out = problem.rules, []
    for sid, days in duties.items():
        for day in sorted(days):
            run = 1
            while day - timedelta(days=run) in days:
                run += 1
            if rules.max_consecutive and run > rules.max_consecutive:
                text = f"{sid} works {run} days in a row up to {words.day_text(day)}"
                out.append(Violation(RuleGroup.MAX_CONSECUTIVE, day, sid, None, text))
            gap = range(1, rules.min_rest_days + 1)
            if rules.min_rest_days and any(day - timedelta(days=k) in days for k in gap):
                text = f"{sid} has fewer than {rules.min_rest_days} days off before {day}"
                out.append(Violation(RuleGroup.MIN_REST, day, sid, None, text))
    return out


def _per_month(problem: RosterProblem, duties: dict[str, set[date]]) -> list[Violation]:
    limit, out = problem.rules.max_per_month, []
    if not limit:
        return []
    for sid, days in duties.items():
        months: dict[tuple[int, int], list[date]] = defaultdict(list)
        for d in days:
            months[month_key(d)].append(d)
        for month, ds in months.items():
            if len(ds) > limit:
                text = f"{sid} has {len(ds)} duties in {month[0]}-{month[1]:02d} (at most {limit})"
                out.append(Violation(RuleGroup.MAX_PER_MONTH, min(ds), sid, None, text))
    return out


def _pairing(problem: RosterProblem, roster: list[Assignment]) -> list[Violation]:
    if not problem.rules.pair_trainee_with_attending:
        return []
    staff, cts = problem.staff_by_id(), {ct.name: ct for ct in problem.call_types}
    attendings: set[tuple[date, str | None]] = set()
    trainees: list[tuple[Assignment, CallType]] = []
    for a in roster:
        person, ct = staff.get(a.staff), cts.get(a.call_type)
        if person is None or ct is None:
            continue
        if person.role is Role.ATTENDING:
            attendings.add((a.day, ct.site))
        elif person.role in TRAINEE_ROLES:
            trainees.append((a, ct))
    out: list[Violation] = []
    for a, ct in trainees:
        if (a.day, ct.site) not in attendings:
            text = f"{a.staff} is on {ct.name!r} on {words.day_text(a.day)} with no attending"
            out.append(Violation(RuleGroup.PAIRING, a.day, a.staff, ct.name, text))
    return out


@dataclass(frozen=True)
class Swap:
    """``giver`` hands ``day``/``call_type`` to ``taker``; with ``back_day`` set, ``taker``
    hands their duty of ``back_day``/``back_call_type`` to ``giver`` in return."""

    giver: str
    taker: str
    day: date
    call_type: str
    back_day: date | None = None
    back_call_type: str | None = None


def apply_swap(roster: Iterable[Assignment], swap: Swap) -> list[Assignment]:
    """The roster after ``swap``; raises ValueError if a duty it moves is not in the roster."""
    out = list(roster)
    moves = [(swap.giver, swap.taker, swap.day, swap.call_type)]
    if swap.back_day is not None:
        moves.append((swap.taker, swap.giver, swap.back_day, swap.back_call_type or ""))
    for src, dst, day, name in moves:
        old = Assignment(day, name, src)
        if old not in out:
            raise ValueError(f"{src} is not on {name!r} on {day}")
        out[out.index(old)] = Assignment(day, name, dst)
    return out


def check_swap(problem: RosterProblem, roster: Iterable[Assignment], swap: Swap) -> list[Violation]:
    """The hard rules ``swap`` would break that the roster does not already break."""
    roster = list(roster)
    if swap.taker not in problem.staff_by_id():
        return [
            Violation(
                RuleGroup.ROLE,
                swap.day,
                swap.taker,
                swap.call_type,
                f"{swap.taker!r} is not on the staff list",
            )
        ]
    try:
        after = apply_swap(roster, swap)
    except ValueError as exc:
        return [Violation(RuleGroup.COVERAGE, swap.day, swap.giver, swap.call_type, str(exc))]
    before = set(check_roster(problem, roster))
    return [v for v in check_roster(problem, after) if v not in before]
