"""Reading and validating a roster problem given as plain JSON-like data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from irsuite.domain.roster.calendar import days_of
from irsuite.domain.roster.types import (
    CallKind,
    CallType,
    DaySet,
    FairnessKind,
    History,
    Role,
    RosterProblem,
    Rules,
    Staff,
)

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class FieldError:
    """One problem in the input, with the path of the field it concerns."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class RosterInputError(ValueError):
    """The roster input is invalid; ``errors`` names every bad field."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


class _Reader:
    """Collects field errors while converting values."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def day(self, value: Any, path: str) -> date | None:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(path, f"{value!r} is not a date (use YYYY-MM-DD)")
            return None

    def enum(self, cls: type[E], value: Any, path: str) -> E | None:
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(m.value for m in cls)
            self.fail(path, f"unknown value {value!r} (allowed: {allowed})")
            return None

    def items(self, data: Mapping[str, Any], key: str) -> list[Any]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(key, "must be a list")
            return []
        return value

    def days_in(self, values: Any, path: str, period: tuple[date, date] | None) -> set[date]:
        out: set[date] = set()
        if not isinstance(values, list):
            self.fail(path, "must be a list of dates")
            return out
        for i, raw in enumerate(values):
            d = self.day(raw, f"{path}[{i}]")
            if d is None:
                continue
            if period and not period[0] <= d <= period[1]:
                self.fail(f"{path}[{i}]", f"{d} is outside the period {period[0]}..{period[1]}")
                continue
            out.add(d)
        return out


def parse_problem(data: Mapping[str, Any]) -> RosterProblem:
    """Validate ``data`` and build a :class:`RosterProblem`.

    Raises :class:`RosterInputError` listing every bad field (unknown staff or roles, dates
    outside the period, overlapping call types, FTE out of (0, 1], end before start ...).
    """
    r = _Reader()
    start = r.day(data.get("start"), "start")
    end = r.day(data.get("end"), "end")
    period = None
    if start and end:
        if end < start:
            r.fail("end", f"{end} is before start {start}")
        else:
            period = (start, end)
    holidays = frozenset(r.days_in(data.get("holidays", []), "holidays", period))
    call_types = _call_types(r, r.items(data, "call_types"))
    _check_overlaps(r, call_types, period, holidays)
    staff = _staff(r, r.items(data, "staff"), period)
    staff = _extra_leave(r, r.items(data, "leave"), staff, period)
    rules = _rules(r, data.get("rules", {}))
    history = _history(r, data.get("history", {}), {s.id for s in staff})
    if not call_types and "call_types" not in [e.field for e in r.errors]:
        r.fail("call_types", "at least one call type is needed")
    if r.errors or start is None or end is None:
        raise RosterInputError(r.errors)
    return RosterProblem(start, end, tuple(call_types), tuple(staff), holidays, rules, history)


def _call_types(r: _Reader, raw: list[Any]) -> list[CallType]:
    out: list[CallType] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        path = f"call_types[{i}]"
        name = str(item.get("name", "")).strip() if isinstance(item, dict) else ""
        if not name:
            r.fail(f"{path}.name", "a call type needs a name")
            continue
        if name in seen:
            r.fail(f"{path}.name", f"call type {name!r} is defined twice")
            continue
        seen.add(name)
        days = r.enum(DaySet, item.get("days", "all"), f"{path}.days")
        kind = r.enum(CallKind, item.get("kind", "primary"), f"{path}.kind")
        roles = {r.enum(Role, v, f"{path}.roles[{j}]") for j, v in enumerate(item.get("roles", []))}
        needs = item.get("needs", 1)
        if not isinstance(needs, int) or isinstance(needs, bool) or needs < 1:
            r.fail(f"{path}.needs", f"must be a whole number of people, at least 1 (got {needs!r})")
            continue
        if not roles:
            r.fail(f"{path}.roles", "list at least one role allowed to cover this call type")
        site = item.get("site")
        if days and kind and roles and None not in roles:
            valid = frozenset(x for x in roles if x is not None)
            ct = CallType(name, days, needs, valid, bool(item.get("night", False)), site, kind)
            out.append(ct)
    return out


def _check_overlaps(
    r: _Reader, cts: list[CallType], period: tuple[date, date] | None, holidays: frozenset[date]
) -> None:
    if period is None:
        return
    covered = {ct.name: set(days_of(ct.days, period[0], period[1], holidays)) for ct in cts}
    for i, a in enumerate(cts):
        for b in cts[i + 1 :]:
            same = (a.site, a.kind, a.night) == (b.site, b.kind, b.night)
            if same and covered[a.name] & covered[b.name]:
                r.fail(
                    "call_types",
                    f"{a.name!r} and {b.name!r} cover the same days, site, kind and shift; "
                    "merge them or raise 'needs'",
                )


def _staff(r: _Reader, raw: list[Any], period: tuple[date, date] | None) -> list[Staff]:
    out: list[Staff] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        path = f"staff[{i}]"
        sid = str(item.get("id", "")).strip() if isinstance(item, dict) else ""
        if not sid:
            r.fail(f"{path}.id", "each person needs an id")
            continue
        if sid in seen:
            r.fail(f"{path}.id", f"staff id {sid!r} appears twice")
            continue
        seen.add(sid)
        role = r.enum(Role, item.get("role"), f"{path}.role")
        fte = item.get("fte", 1.0)
        if not isinstance(fte, int | float) or isinstance(fte, bool) or not 0 < fte <= 1:
            r.fail(f"{path}.fte", f"must be above 0 and at most 1 (got {fte!r})")
            continue
        leave = r.days_in(item.get("leave", []), f"{path}.leave", period)
        prefers = r.days_in(item.get("prefers_off", []), f"{path}.prefers_off", period)
        if role is not None:
            out.append(Staff(sid, role, float(fte), frozenset(leave), frozenset(prefers)))
    return out


def _extra_leave(
    r: _Reader, raw: list[Any], staff: list[Staff], period: tuple[date, date] | None
) -> list[Staff]:
    """Apply top-level leave requests ``{"staff", "start", "end"}`` to the staff they name."""
    by_id = {s.id: s for s in staff}
    for i, item in enumerate(raw):
        path = f"leave[{i}]"
        sid = str(item.get("staff", "")) if isinstance(item, dict) else ""
        if sid not in by_id:
            r.fail(f"{path}.staff", f"unknown staff {sid!r}")
            continue
        first = r.day(item.get("start"), f"{path}.start")
        last = r.day(item.get("end", item.get("start")), f"{path}.end")
        if first is None or last is None:
            continue
        if last < first:
            r.fail(f"{path}.end", f"{last} is before start {first}")
            continue
        if period and (first < period[0] or last > period[1]):
            r.fail(path, f"{first}..{last} is outside the period {period[0]}..{period[1]}")
            continue
        extra = {first + timedelta(days=k) for k in range((last - first).days + 1)}
        s = by_id[sid]
        by_id[sid] = Staff(s.id, s.role, s.fte, s.leave | extra, s.prefers_off)
    return [by_id[s.id] for s in staff]


def _rules(r: _Reader, raw: Any) -> Rules:
    if not isinstance(raw, dict):
        r.fail("rules", "must be an object")
        return Rules()
    known = {f.name: f for f in fields(Rules)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            r.fail(f"rules.{key}", f"unknown rule (known: {', '.join(sorted(known))})")
        elif key == "no_duty_after_night" or key == "pair_trainee_with_attending":
            if not isinstance(value, bool):
                r.fail(f"rules.{key}", f"must be true or false (got {value!r})")
            values[key] = bool(value)
        elif value is None:
            values[key] = 0 if key == "min_rest_days" else None
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            r.fail(f"rules.{key}", f"must be a whole number, 0 or more (got {value!r})")
        else:
            values[key] = value or (0 if key == "min_rest_days" else None)
    return Rules(**values)


def _history(r: _Reader, raw: Any, staff_ids: set[str]) -> History:
    if not isinstance(raw, dict):
        r.fail("history", "must be an object")
        return History()
    counts: dict[FairnessKind, dict[str, int]] = {}
    for key, per_staff in raw.items():
        kind = r.enum(FairnessKind, key, f"history.{key}")
        if kind is None or not isinstance(per_staff, dict):
            continue
        counts[kind] = {}
        for sid, n in per_staff.items():
            if sid not in staff_ids:
                r.fail(f"history.{key}.{sid}", f"unknown staff {sid!r}")
            elif not isinstance(n, int) or isinstance(n, bool) or n < 0:
                r.fail(f"history.{key}.{sid}", f"must be a whole number, 0 or more (got {n!r})")
            else:
                counts[kind][sid] = n
    return History(counts)
