"""The CP-SAT model of a roster: one boolean per person and slot, hard rules, fairness terms.

In ``explain`` mode every rule group on every date (and every person's leave day) is
enforced only under its own literal, so that an infeasible problem can be traced back to
the few rules and dates that clash.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ortools.sat.python import cp_model

from irsuite.domain.roster import words
from irsuite.domain.roster.calendar import Slot, month_key, period, slots
from irsuite.domain.roster.fair_model import PoolTerms, add_fairness, hint_fairness
from irsuite.domain.roster.types import (
    TRAINEE_ROLES,
    Assignment,
    FairnessKind,
    Role,
    RosterProblem,
    RuleGroup,
)


@dataclass(frozen=True)
class Guard:
    """A rule on a date that an assumption literal switches on."""

    rule: RuleGroup
    day: date | None
    staff: str | None
    call_type: str | None
    text: str


class RosterModel:
    """Builds the CP-SAT model of ``problem``."""

    def __init__(self, problem: RosterProblem, explain: bool = False) -> None:
        self.problem = problem
        self.explain = explain
        self.model = cp_model.CpModel()
        self.slots: list[Slot] = slots(problem)
        self.x: dict[tuple[str, int], cp_model.IntVar] = {}
        self.guards: dict[int, Guard] = {}
        self._guard_lits: dict[tuple[object, ...], cp_model.IntVar] = {}
        self.days_vars: dict[tuple[str, date], list[cp_model.IntVar]] = defaultdict(list)
        self.night_vars: dict[tuple[str, date], list[cp_model.IntVar]] = defaultdict(list)
        self.deviation: dict[FairnessKind, cp_model.IntVar] = {}
        self.pools: list[PoolTerms] = []
        self._variables()
        self._coverage()
        self._one_duty_and_nights()
        self._windows()
        self._per_month()
        self._pairing()

    # -- guards ---------------------------------------------------------------------------
    def guard(
        self,
        key: tuple[object, ...],
        rule: RuleGroup,
        text: str,
        day: date | None = None,
        staff: str | None = None,
        call_type: str | None = None,
    ) -> list[cp_model.IntVar]:
        """The enforcement literal for ``key`` (none unless explaining)."""
        if not self.explain:
            return []
        lit = self._guard_lits.get(key)
        if lit is None:
            lit = self.model.new_bool_var(f"guard_{len(self._guard_lits)}")
            self._guard_lits[key] = lit
            self.guards[lit.index] = Guard(rule, day, staff, call_type, text)
        return [lit]

    def assumptions(self) -> list[cp_model.IntVar]:
        """All guard literals."""
        return list(self._guard_lits.values())

    # -- variables and hard rules ---------------------------------------------------------
    def _variables(self) -> None:
        for i, slot in enumerate(self.slots):
            for s in self.problem.staff:
                if s.role not in slot.call_type.roles:
                    continue
                if slot.day in s.leave and not self.explain:
                    continue
                var = self.model.new_bool_var(f"x_{s.id}_{i}")
                self.x[(s.id, i)] = var
                self.days_vars[(s.id, slot.day)].append(var)
                if slot.call_type.night:
                    self.night_vars[(s.id, slot.day)].append(var)
                if slot.day in s.leave:
                    g = self.guard(
                        ("leave", s.id, slot.day),
                        RuleGroup.LEAVE,
                        words.leave(s.id, slot.day),
                        slot.day,
                        s.id,
                    )
                    self.model.add(var == 0).only_enforce_if(g)

    def slot_vars(self, i: int) -> list[cp_model.IntVar]:
        """Variables of everyone who could fill slot ``i``."""
        return [v for s in self.problem.staff if (v := self.x.get((s.id, i))) is not None]

    def _coverage(self) -> None:
        for i, slot in enumerate(self.slots):
            ct = slot.call_type
            g = self.guard(
                ("cov", i),
                RuleGroup.COVERAGE,
                words.coverage(ct, slot.day),
                slot.day,
                None,
                ct.name,
            )
            self.model.add(sum(self.slot_vars(i)) == ct.needs).only_enforce_if(g)

    def _one_duty_and_nights(self) -> None:
        after_night = self.problem.rules.no_duty_after_night
        for (sid, day), vars_ in self.days_vars.items():
            if len(vars_) > 1:
                g = self.guard(("one", day), RuleGroup.ONE_DUTY_PER_DAY, words.one_duty(day), day)
                self.model.add(sum(vars_) <= 1).only_enforce_if(g)
            nights = self.night_vars.get((sid, day), [])
            following = self.days_vars.get((sid, day + timedelta(days=1)), [])
            if after_night and nights and following:
                g = self.guard(
                    ("night", day), RuleGroup.NO_DUTY_AFTER_NIGHT, words.after_night(day), day
                )
                self.model.add(sum(nights) + sum(following) <= 1).only_enforce_if(g)

    def _windows(self) -> None:
        rules, days = self.problem.rules, list(period(self.problem.start, self.problem.end))
        limits = []
        if rules.max_consecutive:
            limits.append(
                (rules.max_consecutive + 1, rules.max_consecutive, RuleGroup.MAX_CONSECUTIVE)
            )
        if rules.min_rest_days:
            limits.append((rules.min_rest_days + 1, 1, RuleGroup.MIN_REST))
        for width, cap, rule in limits:
            for k in range(len(days) - width + 1):
                first = days[k]
                text = (
                    words.max_consecutive(rules, first)
                    if rule is RuleGroup.MAX_CONSECUTIVE
                    else words.min_rest(rules, first)
                )
                for s in self.problem.staff:
                    window = [
                        v for d in days[k : k + width] for v in self.days_vars.get((s.id, d), [])
                    ]
                    if len(window) > cap:
                        g = self.guard((rule, first), rule, text, first)
                        self.model.add(sum(window) <= cap).only_enforce_if(g)

    def _per_month(self) -> None:
        limit = self.problem.rules.max_per_month
        if not limit:
            return
        months: dict[tuple[str, tuple[int, int]], list[cp_model.IntVar]] = defaultdict(list)
        for (sid, day), vars_ in self.days_vars.items():
            months[(sid, month_key(day))].extend(vars_)
        for (_, month), vars_ in sorted(months.items()):
            if len(vars_) > limit:
                text = words.max_per_month(self.problem.rules, month)
                g = self.guard(
                    ("month", month), RuleGroup.MAX_PER_MONTH, text, date(month[0], month[1], 1)
                )
                self.model.add(sum(vars_) <= limit).only_enforce_if(g)

    def _pairing(self) -> None:
        if not self.problem.rules.pair_trainee_with_attending:
            return
        roles = {s.id: s.role for s in self.problem.staff}
        groups: dict[tuple[date, str | None], tuple[list[cp_model.IntVar], list[cp_model.IntVar]]]
        groups = defaultdict(lambda: ([], []))
        for (sid, i), var in self.x.items():
            slot = self.slots[i]
            trainees, attendings = groups[(slot.day, slot.call_type.site)]
            if roles[sid] in TRAINEE_ROLES:
                trainees.append(var)
            elif roles[sid] is Role.ATTENDING:
                attendings.append(var)
        for (day, site), (trainees, attendings) in groups.items():
            if trainees:
                g = self.guard(
                    ("pair", day, site), RuleGroup.PAIRING, words.pairing(day, site), day
                )
                for t in trainees:
                    self.model.add(sum(attendings) >= t).only_enforce_if(g)

    # -- objectives -----------------------------------------------------------------------
    def add_fairness(self) -> cp_model.LinearExprT:
        """Per kind, the largest per-FTE deviation from a fair share; returns their sum."""
        return add_fairness(self)

    def preference_terms(self) -> list[cp_model.IntVar]:
        """Variables that are 1 when someone works a day they asked to have off."""
        out = []
        for s in self.problem.staff:
            for i, slot in enumerate(self.slots):
                if slot.day in s.prefers_off and (v := self.x.get((s.id, i))) is not None:
                    out.append(v)
        return out

    # -- solutions ------------------------------------------------------------------------
    def hint(self, roster: Iterable[Assignment]) -> None:
        """Start the search from ``roster`` (unfilled or unknown entries are ignored)."""
        self.model.clear_hints()  # type: ignore[no-untyped-call]  # untyped in ortools
        index = {(s.day, s.call_type.name): i for i, s in enumerate(self.slots)}
        chosen = {
            (a.staff, index[(a.day, a.call_type)]) for a in roster if (a.day, a.call_type) in index
        }
        for key, var in self.x.items():
            self.model.add_hint(var, key in chosen)
        hint_fairness(self, {var.index for key, var in self.x.items() if key in chosen})

    def roster(self, solver: cp_model.CpSolver) -> list[Assignment]:
        """The assignments of the solver's current solution."""
        out = [
            Assignment(self.slots[i].day, self.slots[i].call_type.name, sid)
            for (sid, i), var in self.x.items()
            if solver.boolean_value(var)
        ]
        return sorted(out)
