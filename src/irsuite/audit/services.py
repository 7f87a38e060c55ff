"""Recording audit events. Every service that writes calls `record` in its transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.db import models

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.inserts import Inserter

# Who acts: a django.contrib.auth User, an AnonymousUser, or None for the system. Typed as Any
# because request.user, the custom user model and None all flow through the same services.
Actor = Any
M = TypeVar("M", bound=models.Model)


def jsonable(value: Any) -> Any:
    """Turn model field values into JSON-safe values for the before/after snapshots."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, by attribute name."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: jsonable(getattr(instance, name)) for name in names}


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """Only the keys whose values differ, for a compact change entry."""
    return {k: after[k] for k in after if before.get(k) != after[k]}


# Asked before every write is recorded: (actor, action, object, object type) -> None or raise.
WriteGuard = Callable[[Actor, str, models.Model | None, str], None]
_WRITE_GUARDS: list[WriteGuard] = []
# The audit log is written on every change; its INSERT is built once (no signals listen to it).
_insert = Inserter(AuditEvent)
READS = frozenset(
    {
        AuditAction.VIEW,
        AuditAction.EXPORT,
        AuditAction.LOGIN,
        AuditAction.LOGOUT,
        AuditAction.LOGIN_FAILED,
        AuditAction.LOCKOUT,
    }
)


def add_write_guard(guard: WriteGuard) -> None:
    """Let a higher layer (the access policy) refuse a write at the moment it is recorded."""
    if guard not in _WRITE_GUARDS:
        _WRITE_GUARDS.append(guard)


def record(
    actor: Actor,
    action: AuditAction,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: str = "",
    patient_id: int | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    summary: str = "",
    reason: str = "",
    channel: str = "web",
) -> AuditEvent:
    """Append one audit event. `summary` must never contain a patient identifier.

    A write is first put to the write guards (the access policy): a refusal raises here, inside
    the writing service's transaction, so nothing of the write is kept.
    """
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if action not in READS:
        for guard in _WRITE_GUARDS:
            guard(user, action, obj, object_type)
    event = AuditEvent(
        actor=user,
        actor_label=user.get_username() if user is not None else "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        patient_id=patient_id,
        before=jsonable(dict(before)) if before is not None else None,
        after=jsonable(dict(after)) if after is not None else None,
        summary=summary[:255],
        reason=reason,
        channel=channel,
    )
    _insert.later(event)  # with the next statement inside a `statements.holding` block
    return event


def create_audited(
    model: type[M],
    *,
    actor: Actor,
    patient_id: int | None,
    summary: str,
    channel: str = "web",
    **fields: Any,
) -> M:
    """Insert one row of `model` and record its creation, with the new row as `after`.

    The one way services add a child row to a record (a team member, an access site, a drug
    given, a set of vital signs ...): the insert and its audit event share the caller's
    transaction, so neither exists without the other.
    """
    row: M = model._default_manager.create(**fields)
    record(
        actor,
        AuditAction.CREATE,
        row,
        patient_id=patient_id,
        after=snapshot(row),
        summary=summary,
        channel=channel,
    )
    return row
