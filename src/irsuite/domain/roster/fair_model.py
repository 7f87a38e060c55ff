"""Fairness terms of the CP-SAT model.

For each kind (duties, nights, weekends, holidays) one variable bounds every person's
deviation from their FTE-weighted share, in hundredths of a duty per FTE, earlier duties
included. Pools are closed under the call types (see :mod:`fairness`), so each pool's total is a
constant: the bounds on each person's count then follow directly from the deviation, and an
integer lower bound on the deviation (:func:`min_deviation`) is added, so optimality is
usually proven without search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from irsuite.domain.roster.fairness import pools
from irsuite.domain.roster.types import FairnessKind, Staff

if TYPE_CHECKING:
    from irsuite.domain.roster.model import RosterModel

# Deviations are in hundredths of a duty per FTE, FTEs in hundredths of a post.
PER_FTE_SCALE = 100 * 100


@dataclass(frozen=True)
class Member:
    """One person of a pool: FTE in hundredths, earlier duties, most duties they can take."""

    fte: int
    history: int
    available: int


def count_range(total: int, members: Sequence[Member], m: Member, dev: int) -> tuple[int, int]:
    """The counts ``m`` may take when the pool does ``total`` duties and deviations are at
    most ``dev``."""
    fte_sum = sum(x.fte for x in members)
    everyone = PER_FTE_SCALE * m.fte * (total + sum(x.history for x in members))
    width = dev * m.fte * fte_sum
    denominator = PER_FTE_SCALE * fte_sum
    low = -((width - everyone) // denominator) - m.history
    high = (everyone + width) // denominator - m.history
    return max(0, low), min(m.available, high)


def min_deviation(total: int, members: Sequence[Member], top: int) -> int:
    """The smallest deviation for which whole counts within range can add up to ``total``."""

    def possible(dev: int) -> bool:
        ranges = [count_range(total, members, m, dev) for m in members]
        if any(lo > hi for lo, hi in ranges):
            return False
        return sum(lo for lo, _ in ranges) <= total <= sum(hi for _, hi in ranges)

    lo, hi = 0, top
    if not possible(hi):
        return 0
    while lo < hi:
        mid = (lo + hi) // 2
        if possible(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def add_fairness(rm: RosterModel) -> cp_model.LinearExprT:
    """Add the deviation variables of every kind to ``rm``; returns their sum."""
    terms = []
    for kind, found in pools(rm.problem, rm.slots).items():
        kind_slots = [i for i, s in enumerate(rm.slots) if kind in s.kinds]
        found = [p for p in found if len(p.staff) > 1]
        if not kind_slots or not found:
            continue
        history = sum(rm.problem.history.of(kind, s.id) for s in rm.problem.staff)
        top = PER_FTE_SCALE * (len(kind_slots) + history + 1)
        dev = rm.model.new_int_var(0, top, f"dev_{kind.value}")
        rm.deviation[kind] = dev
        for pool in found:
            _pool(rm, kind, kind_slots, pool.staff, dev, pool.total)
        terms.append(dev)
    return sum(terms)


@dataclass(frozen=True)
class PoolTerms:
    """What the search hint needs to value a pool's count and deviation variables."""

    dev: cp_model.IntVar
    counts: list[tuple[cp_model.IntVar, list[int]]]
    members: list[Member]
    floor: int


def _pool(
    rm: RosterModel,
    kind: FairnessKind,
    kind_slots: list[int],
    group: list[Staff],
    dev: cp_model.IntVar,
    fixed: int,
) -> None:
    counts, members = {}, []
    for s in group:
        vars_ = [v for i in kind_slots if (v := rm.x.get((s.id, i))) is not None]
        c = rm.model.new_int_var(0, len(vars_), f"n_{kind.value}_{s.id}")
        rm.model.add(c == sum(vars_))
        counts[s.id] = (c, [v.index for v in vars_])
        members.append(Member(s.fte_hundredths, rm.problem.history.of(kind, s.id), len(vars_)))
    rm.model.add(sum(c for c, _ in counts.values()) == fixed)
    top = PER_FTE_SCALE * (fixed + sum(m.history for m in members) + 1)
    floor = min_deviation(fixed, members, top)
    rm.model.add(dev >= floor)
    total = fixed
    fte_sum = sum(m.fte for m in members)
    history = sum(m.history for m in members)
    for s, m in zip(group, members, strict=True):
        c = counts[s.id][0]
        gap = PER_FTE_SCALE * ((c + m.history) * fte_sum - m.fte * (total + history))
        rm.model.add(gap <= dev * (m.fte * fte_sum))
        rm.model.add(-gap <= dev * (m.fte * fte_sum))
    rm.pools.append(PoolTerms(dev, list(counts.values()), members, floor))


def hint_fairness(rm: RosterModel, chosen: set[int]) -> None:
    """Hint the count and deviation variables that follow from the hinted assignments
    (``chosen`` holds the indices of the assignment variables hinted true)."""
    need: dict[int, tuple[cp_model.IntVar, int]] = {}
    for pool in rm.pools:
        values = [sum(1 for i in idx if i in chosen) for _, idx in pool.counts]
        for (var, _), n in zip(pool.counts, values, strict=True):
            rm.model.add_hint(var, n)
        fte_sum = sum(m.fte for m in pool.members)
        everyone = sum(values) + sum(m.history for m in pool.members)
        worst = pool.floor
        for m, n in zip(pool.members, values, strict=True):
            gap = abs((n + m.history) * fte_sum - m.fte * everyone) * PER_FTE_SCALE
            worst = max(worst, -(-gap // (m.fte * fte_sum)))
        known = need.get(pool.dev.index, (pool.dev, 0))[1]
        need[pool.dev.index] = (pool.dev, max(known, worst))
    for var, value in need.values():
        rm.model.add_hint(var, value)
