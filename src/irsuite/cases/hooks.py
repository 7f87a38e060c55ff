"""Extension points other areas register in their AppConfig.ready().

- transition guards: called before a request moves to a status; raise a ServiceError to refuse.
- after-transition hooks: called once a status change is saved, in the same transaction.
- schedule hooks: called inside the scheduling transaction (e.g. to reserve the room).
- procedure and request panels: templates shown on the case pages (dose, safety, outcomes ...).
- report dose providers: give the structured report its radiation dose section.
- readiness marks: each area's word on a request for the worklists (work-up cleared, consent
  signed, checklist done, labs, dose alerts), shown as marks with words, not colour alone.
- procedure defaults: what a new procedure record starts from (the sedation type of the
  work-up's plan, the team who ran the checklist or were booked).
- the follow-up scheduler: one area keeps follow-up tasks; others (the report's plan, dose
  alerts) ask for one through `schedule_follow_up` without importing that area.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from irsuite.panels import Panel, add_panel, render_panels

if TYPE_CHECKING:
    import datetime as dt

    from django.contrib.auth.models import AbstractBaseUser

    from irsuite.cases.models import Procedure, Request
    from irsuite.domain.catalogue import FollowUpKind
    from irsuite.patients.models import Patient
    from irsuite.people.models import Room

TransitionGuard = Callable[["Request", str, "AbstractBaseUser | None", str], None]
ScheduleHook = Callable[
    ["Request", "Room", "dt.datetime", "dt.datetime", "AbstractBaseUser | None"], None
]


# Called after a status change is saved, in its transaction (e.g. to write an outbound message).
AfterTransition = Callable[["Request", str, str, "AbstractBaseUser | None"], None]

TRANSITION_GUARDS: dict[str, list[TransitionGuard]] = {}
AFTER_TRANSITION: list[AfterTransition] = []
SCHEDULE_HOOKS: list[ScheduleHook] = []
ReportDoseProvider = Callable[["Procedure"], Any]

ProcedureDefaults = Callable[["Request"], "ProcedureStart"]
PROCEDURE_DEFAULTS: list[ProcedureDefaults] = []

PROCEDURE_PANELS: list[Panel] = []
REQUEST_PANELS: list[Panel] = []
REPORT_DOSE_PROVIDERS: list[ReportDoseProvider] = []


def add_transition_guard(to_status: str, guard: TransitionGuard) -> None:
    guards = TRANSITION_GUARDS.setdefault(to_status, [])
    if guard not in guards:
        guards.append(guard)


def add_after_transition(hook: AfterTransition) -> None:
    if hook not in AFTER_TRANSITION:
        AFTER_TRANSITION.append(hook)


def add_schedule_hook(hook: ScheduleHook) -> None:
    if hook not in SCHEDULE_HOOKS:
        SCHEDULE_HOOKS.append(hook)


def add_report_dose_provider(provider: ReportDoseProvider) -> None:
    if provider not in REPORT_DOSE_PROVIDERS:
        REPORT_DOSE_PROVIDERS.append(provider)


class Tone(StrEnum):
    """How a readiness mark reads: done, needs attention, still to do, or not applicable."""

    OK = "ok"
    WARN = "warn"
    TODO = "todo"
    NA = "na"


@dataclass(frozen=True)
class Mark:
    """One readiness mark: what it is about and its state, both in words."""

    what: str
    state: str
    tone: Tone


ReadinessSource = Callable[[list["Request"]], dict[int, list[Mark]]]
READINESS: list[ReadinessSource] = []


def add_readiness(source: ReadinessSource) -> None:
    """Register `source(requests) -> {request id: [Mark, ...]}` (one call per page)."""
    if source not in READINESS:
        READINESS.append(source)


def readiness_of(requests: list[Request]) -> dict[int, list[Mark]]:
    """Every registered area's marks for each request, in registration order."""
    marks: dict[int, list[Mark]] = {r.pk: [] for r in requests}
    for source in READINESS:
        for pk, found in source(requests).items():
            marks.setdefault(pk, []).extend(found)
    return marks


@dataclass(frozen=True)
class ProcedureStart:
    """What a new procedure record starts from: a sedation type (SedationType value, "" when
    not known) and team members as (staff, CaseRole value)."""

    sedation_type: str = ""
    team: tuple[tuple[Any, str], ...] = ()


def add_procedure_defaults(provider: ProcedureDefaults) -> None:
    if provider not in PROCEDURE_DEFAULTS:
        PROCEDURE_DEFAULTS.append(provider)


@dataclass(frozen=True)
class FollowUpOrder:
    """A follow-up task asked for by one area and kept by another.

    `source` is one of the follow-up sources ("catalogue", "order", "dose_alert", "manual");
    `by` is the user who caused it, or None for the system.
    """

    patient: Patient
    kind: FollowUpKind
    source: str
    description: str
    due_date: dt.date
    by: AbstractBaseUser | None
    procedure: Procedure | None = None
    window_days: int = 7
    channel: str = "web"


FollowUpScheduler = Callable[[FollowUpOrder], int]
_follow_up_scheduler: list[FollowUpScheduler] = []


def set_follow_up_scheduler(scheduler: FollowUpScheduler) -> None:
    """Name the one function that turns a FollowUpOrder into a stored task (returns its id)."""
    _follow_up_scheduler[:] = [scheduler]


def schedule_follow_up(order: FollowUpOrder) -> int:
    """Create the follow-up task `order` describes, in the caller's transaction; its id."""
    if not _follow_up_scheduler:
        raise RuntimeError(
            "No follow-up scheduler is registered: the outcomes app must be installed."
        )
    return _follow_up_scheduler[0](order)


__all__ = [
    "AFTER_TRANSITION",
    "PROCEDURE_DEFAULTS",
    "PROCEDURE_PANELS",
    "REPORT_DOSE_PROVIDERS",
    "REQUEST_PANELS",
    "READINESS",
    "FollowUpOrder",
    "Mark",
    "Tone",
    "ProcedureStart",
    "Panel",
    "add_after_transition",
    "add_panel",
    "add_procedure_defaults",
    "add_readiness",
    "readiness_of",
    "add_report_dose_provider",
    "add_schedule_hook",
    "add_transition_guard",
    "render_panels",
    "schedule_follow_up",
    "set_follow_up_scheduler",
]
