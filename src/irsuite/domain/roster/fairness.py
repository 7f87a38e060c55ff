"""How evenly a roster shares nights, weekends and holidays, per FTE.

People are compared within a pool: the staff whose roles are linked by the call types of that
kind (a call type open to fellows and residents puts both in one pool).
A person's share of a kind is the pool's total (earlier duties from the history included)
times their FTE over the pool's FTE.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from irsuite.domain.roster.calendar import Slot, slots
from irsuite.domain.roster.types import Assignment, FairnessKind, Role, RosterProblem, Staff


@dataclass(frozen=True)
class Pool:
    """Staff who share the same duties of a kind, and how many such duties there are."""

    staff: list[Staff]
    total: int


def _role_groups(problem: RosterProblem, kind_slots: list[Slot]) -> list[set[Role]]:
    """Roles linked by call types they can both cover (connected groups)."""
    present = {s.role for s in problem.staff}
    groups: list[set[Role]] = []
    for slot in kind_slots:
        roles = set(slot.call_type.roles & present)
        if not roles:
            continue
        touching = [g for g in groups if g & roles]
        for g in touching:
            groups.remove(g)
            roles |= g
        groups.append(roles)
    return groups


def pools(problem: RosterProblem, all_slots: list[Slot]) -> dict[FairnessKind, list[Pool]]:
    """Per kind, the pools of staff compared with each other, with the duties they share."""
    out: dict[FairnessKind, list[Pool]] = {}
    for kind in FairnessKind:
        kind_slots = [slot for slot in all_slots if kind in slot.kinds]
        found = []
        for roles in sorted(_role_groups(problem, kind_slots), key=lambda g: sorted(g)):
            total = sum(s.call_type.needs for s in kind_slots if s.call_type.roles & roles)
            found.append(Pool([s for s in problem.staff if s.role in roles], total))
        out[kind] = found
    return out


def counts(
    problem: RosterProblem, roster: Iterable[Assignment]
) -> dict[FairnessKind, dict[str, int]]:
    """Duties of each kind per person in ``roster`` (this period only)."""
    kinds = {(s.day, s.call_type.name): s.kinds for s in slots(problem)}
    out: dict[FairnessKind, dict[str, int]] = {k: defaultdict(int) for k in FairnessKind}
    for a in roster:
        for kind in kinds.get((a.day, a.call_type), frozenset()):
            out[kind][a.staff] += 1
    return out


def summary(problem: RosterProblem, roster: Iterable[Assignment]) -> dict[str, Any]:
    """Per kind: per-person counts, min and max per FTE, and the spread (max minus min).

    The spread is the widest among the role pools; per-FTE figures count this period only,
    ``with_history`` adds earlier duties.
    """
    got = counts(problem, roster)
    out: dict[str, Any] = {}
    for kind, found in pools(problem, slots(problem)).items():
        per_fte: dict[str, float] = {}
        with_history: dict[str, int] = {}
        spread, lo, hi = 0.0, None, None
        for group in (p.staff for p in found):
            values = [got[kind].get(s.id, 0) / s.fte for s in group]
            for s, v in zip(group, values, strict=True):
                per_fte[s.id] = round(v, 3)
                with_history[s.id] = got[kind].get(s.id, 0) + problem.history.of(kind, s.id)
            spread = max(spread, max(values) - min(values))
            lo = min(values) if lo is None else min(lo, min(values))
            hi = max(values) if hi is None else max(hi, max(values))
        out[kind.value] = {
            "counts": {sid: got[kind].get(sid, 0) for sid in per_fte},
            "with_history": with_history,
            "per_fte": per_fte,
            "min_per_fte": round(lo or 0.0, 3),
            "max_per_fte": round(hi or 0.0, 3),
            "spread": round(spread, 3),
        }
    return out
