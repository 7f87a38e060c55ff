"""IVC filters and long-term central lines: registering them, following them up, and starting or
stopping that follow-up when a signed procedure places or removes one.

Which catalogue entries place or remove a filter or a line is reference data
(``devices.toml``, read through ``outcomes.reference.device_codes``).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import create_audited, record, snapshot
from irsuite.cases.models import DeviceKind, Procedure
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.outcomes.devices.models import CentralLine, IvcFilter, LineKind
from irsuite.outcomes.reference import device_codes
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability

User = AbstractBaseUser | None


class FilterAction(models.TextChoices):
    """What the team can record about a filter still followed by the service."""

    PLAN_RETRIEVAL = "plan_retrieval", "Plan retrieval"
    RECORD_RETRIEVAL = "record_retrieval", "Retrieved"
    KEEP_PERMANENTLY = "keep_permanently", "Keep permanently"
    LOST_TO_FOLLOW_UP = "lost_to_follow_up", "Lost to follow-up"


def _check(by: User) -> None:
    if not has_capability(by, Capability.RECORD_OUTCOME):
        raise NotAllowed("Your role cannot update device follow-up.")


def _save_change(item: IvcFilter | CentralLine, by: User, summary: str, **values: object) -> None:
    """Set ``values`` on a followed device and audit the change with before and after."""
    before = snapshot(item)
    for name, value in values.items():
        setattr(item, name, value)
    item.save(update_fields=list(values))
    record(
        by,
        AuditAction.CHANGE,
        item,
        patient_id=item.patient_id,
        before=before,
        after=snapshot(item),
        summary=summary,
    )


def _follow_filter(
    procedure: Procedure, *, device_name: str, retrievable: bool, by: User, summary: str
) -> IvcFilter:
    return create_audited(
        IvcFilter,
        actor=by,
        patient_id=procedure.request.patient_id,
        summary=summary,
        patient=procedure.request.patient,
        placement=procedure,
        device_name=device_name,
        retrievable=retrievable,
        placed_on=procedure.day,
    )


def _follow_line(procedure: Procedure, *, kind: str, by: User, summary: str) -> CentralLine:
    return create_audited(
        CentralLine,
        actor=by,
        patient_id=procedure.request.patient_id,
        summary=summary,
        patient=procedure.request.patient,
        insertion=procedure,
        kind=kind,
        inserted_on=procedure.day,
    )


def _remove_line(line: CentralLine, *, on: dt.date, by: User) -> CentralLine:
    _save_change(line, by, "central line removed", removed_on=on)
    return line


@transaction.atomic
def register_filter(
    procedure: Procedure, *, device_name: str = "", retrievable: bool = True, by: User
) -> IvcFilter:
    """Start following an IVC filter placed in ``procedure``."""
    _check(by)
    if IvcFilter.objects.filter(placement=procedure).exists():
        raise Conflict("This procedure's filter is already being followed.")
    return _follow_filter(
        procedure,
        device_name=device_name,
        retrievable=retrievable,
        by=by,
        summary="IVC filter registered",
    )


def _change(item: IvcFilter, by: User, summary: str, **values: object) -> IvcFilter:
    _check(by)
    if item.retrieved_on is not None:
        raise Conflict("The filter has been retrieved; nothing more to plan.")
    _save_change(item, by, summary, **values)
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


def update_filter(
    item: IvcFilter,
    action: str,
    *,
    by: User,
    on: dt.date | None = None,
    reason: str = "",
) -> IvcFilter:
    """Record one ``FilterAction`` on a filter (the report page and the API share this)."""
    if action not in FilterAction.values:
        raise ValidationFailed(f"Unknown filter action {action!r}.")
    if action == FilterAction.KEEP_PERMANENTLY:
        return keep_permanently(item, reason=reason, by=by)
    if action == FilterAction.LOST_TO_FOLLOW_UP:
        return mark_lost_to_follow_up(item, by=by)
    if on is None:
        raise ValidationFailed("Give the date of the planned or done retrieval.")
    if action == FilterAction.PLAN_RETRIEVAL:
        return plan_retrieval(item, on=on, by=by)
    return record_retrieval(item, on=on, by=by)


@transaction.atomic
def register_line(procedure: Procedure, *, kind: str, by: User) -> CentralLine:
    """Start counting catheter-days for a tunnelled line or port."""
    _check(by)
    if kind not in LineKind.values:
        raise ValidationFailed("Line kind must be tunnelled or port.")
    return _follow_line(procedure, kind=kind, by=by, summary="central line registered")


@transaction.atomic
def record_line_removal(line: CentralLine, *, on: dt.date, by: User) -> CentralLine:
    """The line came out: its catheter-days stop."""
    _check(by)
    if on < line.inserted_on:
        raise ValidationFailed("A line cannot be removed before it was inserted.")
    return _remove_line(line, on=on, by=by)


def _filter_placed(procedure: Procedure) -> None:
    if IvcFilter.objects.filter(placement=procedure).exists():
        return
    device = procedure.devices.filter(kind=DeviceKind.FILTER).first()
    _follow_filter(
        procedure,
        device_name=device.name if device else "",
        retrievable=True,
        by=None,
        summary="IVC filter followed from its placement",
    )


def _filter_retrieved(procedure: Procedure) -> None:
    item = (
        IvcFilter.objects.filter(
            patient_id=procedure.request.patient_id,
            retrieved_on=None,
            placed_on__lte=procedure.day,
        )
        .order_by("-placed_on")
        .first()
    )
    if item is not None:
        _save_change(
            item, None, "IVC filter retrieved", retrieved_on=procedure.day, retrieval=procedure
        )


def _line_placed(procedure: Procedure, kind: str) -> None:
    if not CentralLine.objects.filter(insertion=procedure).exists():
        _follow_line(
            procedure, kind=kind, by=None, summary="central line followed from its insertion"
        )


def _line_removed(procedure: Procedure, kind: str) -> None:
    line = (
        CentralLine.objects.filter(
            patient_id=procedure.request.patient_id,
            kind=kind,
            removed_on=None,
            inserted_on__lte=procedure.day,
        )
        .order_by("-inserted_on")
        .first()
    )
    if line is not None:
        _remove_line(line, on=procedure.day, by=None)


def track_devices(procedure: Procedure) -> None:
    """Follow what a signed procedure placed or removed (the system acts: no role check)."""
    codes = device_codes()
    for code in procedure.entries.values_list("code", flat=True):
        if code in codes.filter_placement:
            _filter_placed(procedure)
        elif code in codes.filter_retrieval:
            _filter_retrieved(procedure)
        elif code in codes.line_placement:
            _line_placed(procedure, codes.line_placement[code])
        elif code in codes.line_removal:
            _line_removed(procedure, codes.line_removal[code])
