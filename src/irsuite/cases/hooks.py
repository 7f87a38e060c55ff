"""Extension points other areas register in their AppConfig.ready().

- transition guards: called before a request moves to a status; raise a ServiceError to refuse.
- schedule hooks: called inside the scheduling transaction (e.g. to reserve the room).
- procedure panels: templates shown on the procedure page (dose, safety, outcomes ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

    from django.contrib.auth.models import AbstractBaseUser

    from irsuite.cases.models import Request
    from irsuite.people.models import Room

TransitionGuard = Callable[["Request", str, "AbstractBaseUser | None", str], None]
ScheduleHook = Callable[
    ["Request", "Room", "dt.datetime", "dt.datetime", "AbstractBaseUser | None"], None
]


@dataclass(frozen=True)
class Panel:
    """A block on a page: `template` is rendered with `context(obj, request)`."""

    name: str
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


TRANSITION_GUARDS: dict[str, list[TransitionGuard]] = {}
SCHEDULE_HOOKS: list[ScheduleHook] = []
PROCEDURE_PANELS: list[Panel] = []
REQUEST_PANELS: list[Panel] = []
PATIENT_PANELS: list[Panel] = []


def add_transition_guard(to_status: str, guard: TransitionGuard) -> None:
    guards = TRANSITION_GUARDS.setdefault(to_status, [])
    if guard not in guards:
        guards.append(guard)


def add_schedule_hook(hook: ScheduleHook) -> None:
    if hook not in SCHEDULE_HOOKS:
        SCHEDULE_HOOKS.append(hook)


def add_panel(where: list[Panel], panel: Panel) -> None:
    if all(p.name != panel.name for p in where):
        where.append(panel)
        where.sort(key=lambda p: p.order)


def render_panels(where: list[Panel], obj: Any, request: Any) -> list[tuple[str, dict[str, Any]]]:
    """The (template, context) pairs of the panels that have something to show."""
    shown = []
    for panel in where:
        context = panel.context(obj, request)
        if context is not None:
            shown.append((panel.template, context))
    return shown


__all__ = [
    "PATIENT_PANELS",
    "PROCEDURE_PANELS",
    "REQUEST_PANELS",
    "Panel",
    "add_panel",
    "add_schedule_hook",
    "add_transition_guard",
    "render_panels",
]
