"""Small builders for the booking tests: a week starting Monday 2 March 2026."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path

from irsuite.domain.booking import (
    Priority,
    Request,
    Room,
    RoomCapability,
    SchedulingReference,
    Span,
    parse_scheduling_reference,
)

MONDAY = date(2026, 3, 2)
WEEK = datetime.combine(MONDAY, time(0))
TOML = Path(__file__).parents[3] / "src/irsuite/reference/data/scheduling.toml"
ANGIO = frozenset({RoomCapability.ANGIO, RoomCapability.FLUOROSCOPY, RoomCapability.US})


def reference_data() -> dict[str, object]:
    """The shipped scheduling reference file, parsed."""
    return tomllib.loads(TOML.read_text())


def reference(**changes: object) -> SchedulingReference:
    """The shipped reference, optionally with turnover or late credit changed."""
    data = reference_data()
    if "turnover_min" in changes:
        data["room"]["turnover_min"] = changes["turnover_min"]  # type: ignore[index]
    if "late_credit" in changes:
        data["late"]["credit"] = changes["late_credit"]  # type: ignore[index]
    return parse_scheduling_reference(data)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Day 0 is Monday of the test week."""
    return WEEK + timedelta(days=day, hours=hour, minutes=minute)


def span(day: int, start: int, end: int) -> Span:
    """Hours ``start`` to ``end`` on ``day``."""
    return Span(at(day, start), at(day, end))


def room(name: str = "A1", capabilities: frozenset[RoomCapability] = ANGIO, days: int = 5) -> Room:
    """A room open 08:00-17:00 on the first ``days`` days of the week."""
    return Room(name, capabilities, tuple(span(d, 8, 17) for d in range(days)))


def request(
    name: str,
    *,
    patient: str | None = None,
    priority: Priority = Priority.ROUTINE,
    due_day: int = 30,
    minutes: int = 60,
    capability: RoomCapability = RoomCapability.ANGIO,
    anaesthesia: bool = False,
    operator: str | None = None,
    service: str | None = None,
    latest_day: int | None = None,
) -> Request:
    """A request due ``due_day`` days after Monday (a month away unless told); with
    ``latest_day``, its own due date, which no placement may end after."""
    return Request(
        id=name,
        patient=patient or f"patient-{name}",
        priority=priority,
        due=MONDAY + timedelta(days=due_day),
        duration_min=minutes,
        capability=capability,
        anaesthesia=anaesthesia,
        operator=operator,
        service=service,
        latest=None if latest_day is None else MONDAY + timedelta(days=latest_day),
    )
