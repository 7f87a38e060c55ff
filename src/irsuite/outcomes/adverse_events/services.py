"""Recording adverse events on a procedure (audited; gradings validated, never converted)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from irsuite import bounds
from irsuite.audit.models import AuditAction
from irsuite.audit.services import record, snapshot
from irsuite.cases import reference as case_reference
from irsuite.cases.models import Procedure
from irsuite.domain.ae_scales import AeField, GradingError, is_major, validate_grading
from irsuite.domain.catalogue import QualityKind
from irsuite.errors import NotAllowed, ValidationFailed
from irsuite.outcomes.adverse_events.models import (
    AdverseEvent,
    AdverseEventGrading,
    AeCategory,
    AeTiming,
)
from irsuite.outcomes.quality.facts import refresh_facts
from irsuite.outcomes.reference import scale_book
from irsuite.outcomes.review.services import auto_flag
from irsuite.people.access import has_capability, staff_of
from irsuite.people.roles import Capability

User = AbstractBaseUser | None
LENGTH_OF_STAY = case_reference.length_of_stay_hours()


@dataclass
class AeInput:
    """What a clinician enters for one adverse event."""

    timing: str
    onset_date: dt.date
    category: str
    description: str
    gradings: list[tuple[str, str]]
    treatment: str = ""
    outcome: str = ""
    length_of_stay_hours: int | None = None
    sequelae: str = ""
    date_of_death: dt.date | None = None
    indicator: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _present(data: AeInput) -> set[AeField]:
    present = {AeField.ONSET_DATE}
    texts = {
        AeField.DESCRIPTION: data.description,
        AeField.TREATMENT: data.treatment,
        AeField.OUTCOME: data.outcome,
        AeField.SEQUELAE: data.sequelae,
    }
    present |= {f for f, text in texts.items() if text.strip()}
    if data.length_of_stay_hours is not None:
        present.add(AeField.LENGTH_OF_STAY)
    if data.date_of_death is not None:
        present.add(AeField.DATE_OF_DEATH)
    return present


def complication_indicators(procedure: Procedure) -> list[str]:
    """The complication indicators of the procedure's catalogue entries."""
    names: list[str] = []
    for entry in procedure.entries.all():
        for item in entry.quality or []:
            if (
                item.get("kind") == QualityKind.COMPLICATION.value
                and item["indicator"] not in names
            ):
                names.append(str(item["indicator"]))
    return names


def _problems(procedure: Procedure, data: AeInput) -> list[str]:
    problems: list[str] = []
    if data.timing not in AeTiming.values:
        problems.append(f"Timing {data.timing!r} is unknown; use intra, post or delayed.")
    if data.category not in AeCategory.values:
        problems.append(f"Category {data.category!r} is unknown.")
    if data.onset_date < procedure.day:
        problems.append("The onset date is before the procedure; check the date.")
    if data.timing == AeTiming.INTRA and data.onset_date > procedure.day + dt.timedelta(days=1):
        problems.append("An event during the procedure must start on the day of the procedure.")
    if data.date_of_death is not None and data.date_of_death < data.onset_date:
        problems.append("The date of death is before the onset of the event.")
    problems.extend(_out_of_bounds(procedure, data))
    if data.indicator and data.indicator not in complication_indicators(procedure):
        problems.append(f"{data.indicator!r} is not a complication indicator of this procedure.")
    try:
        validate_grading(scale_book(), data.gradings, _present(data))
    except GradingError as error:
        problems.extend(error.problems)
    return problems


def _out_of_bounds(procedure: Procedure, data: AeInput) -> list[str]:
    """Dates after the horizon or before the patient's birth, a length of stay outside its
    plausible range, text with control characters: refused before the database sees them."""
    problems: list[str] = []
    birth = procedure.request.patient.birth_date
    for label, day in (("onset", data.onset_date), ("death", data.date_of_death)):
        found = bounds.event_date_problem(day, birth) if day else None
        if found:
            problems.append(f"The date of {label} {found}.")
    stay = data.length_of_stay_hours
    if stay is not None and stay not in LENGTH_OF_STAY:
        problems.append(
            f"The extra stay of {stay} hours is outside {LENGTH_OF_STAY} hours; check the number."
        )
    texts = (data.description, data.treatment, data.outcome, data.sequelae, data.indicator)
    if any(bounds.control_characters(text) for text in texts):
        problems.append("A text holds control characters (such as NUL); remove them.")
    return problems


def _write_gradings(event: AdverseEvent, gradings: Iterable[tuple[str, str]]) -> None:
    event.gradings.all().delete()
    AdverseEventGrading.objects.bulk_create(
        AdverseEventGrading(event=event, scale=s, grade=g) for s, g in gradings
    )


def _apply(event: AdverseEvent, data: AeInput) -> None:
    event.timing = data.timing
    event.onset_date = data.onset_date
    event.category = data.category
    event.description = data.description.strip()
    event.treatment = data.treatment.strip()
    event.outcome = data.outcome.strip()
    event.length_of_stay_hours = data.length_of_stay_hours
    event.sequelae = data.sequelae.strip()
    event.date_of_death = data.date_of_death
    event.indicator = data.indicator
    event.major = is_major(
        scale_book(), validate_grading(scale_book(), data.gradings, _present(data))
    )


def _check_allowed(by: User) -> None:
    if not has_capability(by, Capability.RECORD_OUTCOME):
        raise NotAllowed("Your role cannot record adverse events.")


def _refuse_problems(procedure: Procedure, data: AeInput, verb: str) -> None:
    problems = _problems(procedure, data)
    if problems:
        raise ValidationFailed(
            f"The adverse event cannot be {verb}: " + " ".join(problems), {"problems": problems}
        )


def _gradings_of(event: AdverseEvent) -> list[list[str]]:
    return [[g.scale, g.grade] for g in event.gradings.all()]


def _save(event: AdverseEvent, data: AeInput) -> dict[str, object]:
    """Write the event and its gradings; the audit snapshot after the change."""
    _apply(event, data)
    event.save()
    _write_gradings(event, data.gradings)
    return snapshot(event) | {"gradings": [list(g) for g in data.gradings]}


def _follow_on(procedure: Procedure, by: User) -> None:
    """What depends on a procedure's adverse events: its quality facts and the review flag."""
    refresh_facts([procedure.pk])
    auto_flag(procedure, by=by)


@transaction.atomic
def record_adverse_event(
    procedure: Procedure, data: AeInput, *, by: User, channel: str = "web"
) -> AdverseEvent:
    """Record an adverse event on a procedure; refused with every problem listed."""
    _check_allowed(by)
    _refuse_problems(procedure, data, "recorded")
    event = AdverseEvent(procedure=procedure, recorded_by=staff_of(by))
    after = _save(event, data)
    record(
        by,
        AuditAction.CREATE,
        event,
        patient_id=procedure.request.patient_id,
        after=after,
        summary="adverse event recorded",
        channel=channel,
    )
    _follow_on(procedure, by)
    return event


@transaction.atomic
def update_adverse_event(
    event: AdverseEvent, data: AeInput, *, by: User, channel: str = "web"
) -> AdverseEvent:
    """Change an adverse event (audited with before and after)."""
    _check_allowed(by)
    event = AdverseEvent.objects.select_for_update().get(pk=event.pk)
    procedure = event.procedure
    _refuse_problems(procedure, data, "changed")
    before = snapshot(event) | {"gradings": _gradings_of(event)}
    after = _save(event, data)
    record(
        by,
        AuditAction.CHANGE,
        event,
        patient_id=procedure.request.patient_id,
        before=before,
        after=after,
        summary="adverse event changed",
        channel=channel,
    )
    _follow_on(procedure, by)
    return event
