"""IVC filters and long-term central lines: registering them and following them up."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record, snapshot
from irsuite.cases.models import Procedure
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.outcomes.devices.models import CentralLine, IvcFilter, LineKind
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability

User = AbstractBaseUser | None


def _check(by: User) -> None:
    if not has_capability(by, Capability.RECORD_OUTCOME):
        raise NotAllowed("Your role cannot update device follow-up.")


@transaction.atomic
def register_filter(
    procedure: Procedure, *, device_name: str = "", retrievable: bool = True, by: User
) -> IvcFilter:
    """Start following an IVC filter placed in ``procedure``."""
    _check(by)
    if IvcFilter.objects.filter(placement=procedure).exists():
        raise Conflict("This procedure's filter is already being followed.")
    item = IvcFilter.objects.create(
        patient_id=procedure.request.patient_id,
        placement=procedure,
        device_name=device_name,
        retrievable=retrievable,
        placed_on=procedure.day,
    )
    record(
        by,
        AuditAction.CREATE,
        item,
        patient_id=item.patient_id,
        after=snapshot(item),
        summary="IVC filter registered",
    )
    return item


def _change(item: IvcFilter, by: User, summary: str, **values: object) -> IvcFilter:
    _check(by)
    if item.retrieved_on is not None:
        raise Conflict("The filter has been retrieved; nothing more to plan.")
    before = snapshot(item)
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    record(
        by,
        AuditAction.CHANGE,
        item,
        patient_id=item.patient_id,
        before=before,
        after=snapshot(item),
        summary=summary,
    )
    return item


@transaction.atomic
def plan_retrieval(item: IvcFilter, *, on: dt.date, by: User) -> IvcFilter:
    """Plan the retrieval for a date."""
    if on < item.placed_on:
        raise ValidationFailed("A retrieval cannot be planned before the placement.")
    return _change(
        item, by, "filter retrieval planned", retrieval_planned_on=on, lost_to_follow_up=False
    )


@transaction.atomic
def keep_permanently(item: IvcFilter, *, reason: str, by: User) -> IvcFilter:
    """Record the decision to leave the filter in for good, with the reason."""
    if not reason.strip():
        raise ValidationFailed("Write why the filter stays in permanently.")
    return _change(
        item,
        by,
        "filter kept permanently",
        deliberately_permanent=True,
        permanent_reason=reason.strip(),
    )


@transaction.atomic
def mark_lost_to_follow_up(item: IvcFilter, *, by: User) -> IvcFilter:
    """The patient cannot be reached for retrieval."""
    return _change(item, by, "filter lost to follow-up", lost_to_follow_up=True)


@transaction.atomic
def record_retrieval(
    item: IvcFilter, *, on: dt.date, by: User, retrieval: Procedure | None = None
) -> IvcFilter:
    """The filter came out."""
    if on < item.placed_on:
        raise ValidationFailed("A filter cannot be retrieved before it was placed.")
    return _change(item, by, "filter retrieved", retrieved_on=on, retrieval=retrieval)


@transaction.atomic
def register_line(procedure: Procedure, *, kind: str, by: User) -> CentralLine:
    """Start counting catheter-days for a tunnelled line or port."""
    _check(by)
    if kind not in LineKind.values:
        raise ValidationFailed("Line kind must be tunnelled or port.")
    line = CentralLine.objects.create(
        patient_id=procedure.request.patient_id,
        insertion=procedure,
        kind=kind,
        inserted_on=procedure.day,
    )
    record(
        by,
        AuditAction.CREATE,
        line,
        patient_id=line.patient_id,
        after=snapshot(line),
        summary="central line registered",
    )
    return line


@transaction.atomic
def record_line_removal(line: CentralLine, *, on: dt.date, by: User) -> CentralLine:
    """The line came out: its catheter-days stop."""
    _check(by)
    if on < line.inserted_on:
        raise ValidationFailed("A line cannot be removed before it was inserted.")
    before = snapshot(line)
    line.removed_on = on
    line.save(update_fields=["removed_on"])
    record(
        by,
        AuditAction.CHANGE,
        line,
        patient_id=line.patient_id,
        before=before,
        after=snapshot(line),
        summary="central line removed",
    )
    return line
