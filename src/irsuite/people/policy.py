"""The one authorisation policy: may this user do this action on this object?

Two questions, always asked together:

1. the role's capabilities: may a nurse record sedation at all? (`people.roles`)
2. the object's scope: is *this* request one of the referrer's own, *this* case log the
   trainee's own, *this* credentialing report the operator's own?

The areas that own the objects register their scope rules here in their AppConfig.ready()
(a lower layer never imports a higher one): an object rule answers for one object, a query rule
narrows a queryset to what the user may see. Services, views, API routes, the admin and the CLI
all ask `may`, `scoped` and `get_for`; none of them writes a role check of its own.

An object the user may not see is answered exactly like one that does not exist (NotFound), so
ids cannot be probed; a capability the role lacks is NotAllowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from irsuite.audit.reads import note_patients
from irsuite.errors import NotAllowed, NotFound
from irsuite.people.access import UserLike, has_capability
from irsuite.people.roles import Capability

M = TypeVar("M", bound=Model)

ObjectRule = Callable[[UserLike, Capability, Any], bool]
QueryRule = Callable[[UserLike, Capability, QuerySet[Any]], QuerySet[Any]]
PatientOf = Callable[[Any], "int | None"]

NOT_FOUND = "Not found: it does not exist, or your role does not give access to it."
NOT_ALLOWED = "Your role does not allow this. Ask an administrator if you need it."


@dataclass(frozen=True)
class Scope:
    """How far a user's capability reaches over one model's rows."""

    obj: ObjectRule
    query: QueryRule
    patient: PatientOf | None = None


_SCOPES: dict[str, Scope] = {}


def register_scope(
    model: type[Model], *, obj: ObjectRule, query: QueryRule, patient: PatientOf | None = None
) -> None:
    """Declare the scope rules of `model` (called once from the owning app's ready()).

    `patient(row)` names whose identified data a row is, so that fetching or listing it is
    recorded in the audit log (audit.reads) without the view writing anything.
    """
    _SCOPES[model._meta.label_lower] = Scope(obj=obj, query=query, patient=patient)


def note_shown(rows: Iterable[Model]) -> None:
    """Record (at the end of the request) that these rows were shown to the user."""
    ids: list[int | None] = []
    for row in rows:
        scope = scope_of(type(row))
        if scope is not None and scope.patient is not None:
            ids.append(scope.patient(row))
    note_patients(ids)


def scope_of(model: type[Model]) -> Scope | None:
    return _SCOPES.get(model._meta.label_lower)


def may(user: UserLike, capability: Capability, obj: Model | None = None) -> bool:
    """True when the role holds `capability` and, for an object, the object is in scope."""
    if not has_capability(user, capability):
        return False
    if obj is None:
        return True
    scope = scope_of(type(obj))
    return scope is None or scope.obj(user, capability, obj)


def may_any(user: UserLike, capabilities: tuple[Capability, ...], obj: Model | None = None) -> bool:
    """True when any one of the capabilities reaches `obj` (e.g. the worklist or own requests)."""
    return any(may(user, capability, obj) for capability in capabilities)


def check(user: UserLike, capability: Capability, obj: Model | None = None) -> None:
    """Refuse unless `may`: NotAllowed for a missing capability, NotFound out of scope."""
    if not has_capability(user, capability):
        raise NotAllowed(NOT_ALLOWED)
    if obj is not None and not may(user, capability, obj):
        raise NotFound(NOT_FOUND)


def scoped(
    user: UserLike, capability: Capability | tuple[Capability, ...], queryset: QuerySet[M]
) -> QuerySet[M]:
    """The rows of `queryset` the user may reach with (any of) the capabilities."""
    wanted = capability if isinstance(capability, tuple) else (capability,)
    held = [c for c in wanted if has_capability(user, c)]
    if not held:
        return queryset.none()
    scope = scope_of(queryset.model)
    if scope is None:
        return queryset
    reached = [scope.query(user, c, queryset) for c in held]
    if len(reached) == 1:
        return reached[0]
    keys = set()
    for part in reached:
        keys |= set(part.values_list("pk", flat=True))
    return queryset.filter(pk__in=keys)


def get_for(
    user: UserLike,
    capability: Capability | tuple[Capability, ...],
    queryset: QuerySet[M],
    pk: object,
) -> M:
    """One row by primary key, or NotFound when it is missing *or* out of the user's reach.

    NotAllowed only when the role holds none of the capabilities at all, which says nothing
    about the row. Out-of-range and malformed ids are NotFound too.
    """
    wanted = capability if isinstance(capability, tuple) else (capability,)
    if not any(has_capability(user, c) for c in wanted):
        raise NotAllowed(NOT_ALLOWED)
    try:
        key = int(str(pk))
    except ValueError:
        raise NotFound(NOT_FOUND) from None
    if not 0 < key < 2**63:
        raise NotFound(NOT_FOUND)
    found = scoped(user, wanted, queryset).filter(pk=key).first()
    if found is None:
        raise NotFound(NOT_FOUND)
    note_shown([found])
    return found
