"""Role checks shared by pages and API routes, and each route's declaration of who may use it.

Every page and every API operation declares its access with one of these decorators; the
access-matrix test walks the URL resolver and the OpenAPI schema and fails for any route
without a declaration, then tries every route as every role:

- `require(*capabilities)` on a page: anonymous users go to the login page, a role holding
  none of the capabilities gets 403.
- `allow(*capabilities)` on an API operation: the same check, answered as JSON (401 / 403).
- `logged_in` on a page any logged-in user may open (the home page, their own account).
- `public(reason)` on a route that needs no login (the login page, health, a calendar feed
  opened by the secret in its address): the reason says why.

Which objects a user reaches once past the door is the policy's business (`people.policy`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja.decorators import decorate_view

from irsuite.errors import NotAllowed
from irsuite.people.models import Staff
from irsuite.people.roles import Capability, StaffRole, capabilities_of

V = TypeVar("V", bound=Callable[..., HttpResponse])
F = TypeVar("F", bound=Callable[..., Any])
UserLike = AbstractBaseUser | AnonymousUser | None
NOT_ALLOWED = "Your role does not allow this. Ask an administrator if you need it."


@dataclass(frozen=True)
class Access:
    """Who may use a route: any of `capabilities`, any logged-in user, or anyone."""

    capabilities: tuple[Capability, ...] = ()
    login: bool = True
    reason: str = ""

    def admits(self, user: UserLike) -> bool:
        if not self.login:
            return True
        if user is None or not user.is_authenticated:
            return False
        return not self.capabilities or has_capability(user, *self.capabilities)


def declare(view: F, access: Access) -> F:
    """Attach the access declaration to a view (kept through functools.wraps)."""
    view.irsuite_access = access  # type: ignore[attr-defined]
    return view


def access_of(view: Callable[..., Any]) -> Access | None:
    """The declared access of a view, or None when it declares none."""
    found: Access | None = getattr(view, "irsuite_access", None)
    if found is None and hasattr(view, "view_class"):
        found = getattr(view.view_class, "irsuite_access", None)
    return found


def staff_of(user: UserLike) -> Staff | None:
    """The staff record linked to a login, if any."""
    if user is None or not user.is_authenticated:
        return None
    try:
        staff: Staff = user.staff  # type: ignore[attr-defined]
    except Staff.DoesNotExist:
        return None
    return staff


def role_of(user: UserLike) -> str:
    staff = staff_of(user)
    if staff is not None and staff.active:
        return staff.role
    if user is not None and getattr(user, "is_superuser", False):
        return StaffRole.ADMIN
    return ""


def capabilities(user: UserLike) -> frozenset[Capability]:
    return capabilities_of(role_of(user))


def has_capability(user: UserLike, *needed: Capability) -> bool:
    """True when the user holds at least one of the capabilities."""
    held = capabilities(user)
    return any(c in held for c in needed)


def require(*needed: Capability) -> Callable[[V], V]:
    """Page decorator: anonymous users go to login, others without the right get 403."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_capability(request.user, *needed):
                raise PermissionDenied(
                    "Your role does not allow this page. Ask an administrator if you need it."
                )
            return view(request, *args, **kwargs)

        return declare(wrapper, Access(capabilities=needed))  # type: ignore[return-value]

    return decorator


def logged_in(view: V) -> V:
    """Page decorator: any logged-in user; anonymous users go to the login page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return declare(wrapper, Access())  # type: ignore[return-value]


def public(reason: str) -> Callable[[F], F]:
    """Declare a route that needs no login; `reason` says what protects it instead."""

    def decorator(view: F) -> F:
        return declare(view, Access(login=False, reason=reason))

    return decorator


def allow(*needed: Capability) -> Callable[[F], F]:
    """API decorator: the caller (authenticated by the API) must hold one of the capabilities.

    Put it under the router decorator (`@router.get(...)` then `@allow(...)`). The check runs
    at the door, right after authentication and before the request body is read, so a caller
    holding none of the capabilities gets 403 (never a 422 that would describe the body).
    """

    def decorator(operation: F) -> F:
        @wraps(operation)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not has_capability(request.user, *needed):
                raise NotAllowed(NOT_ALLOWED)
            return operation(request, *args, **kwargs)

        # The API reads parameter types from the signature; resolve them in the operation's
        # own module (its annotations may be strings under `from __future__ import annotations`).
        wrapper.__signature__ = inspect.signature(operation, eval_str=True)  # type: ignore[attr-defined]
        declared = declare(wrapper, Access(capabilities=needed))
        return cast(F, decorate_view(_door(needed))(declared))

    return decorator


def _door(needed: tuple[Capability, ...]) -> Callable[[Any], Any]:
    """Add the capability check to an API operation's own checks (authentication first).

    The operation runs its checks once per request; this extends them in place rather than
    running them a second time around `run`, so a token is looked up once.
    """

    def decorate(run: Any) -> Any:
        operation = run.__self__
        authenticate = operation._run_checks

        def checks(request: HttpRequest) -> Any:
            refused = authenticate(request)
            if refused:
                return refused
            if not has_capability(request.user, *needed):
                return operation.api.on_exception(request, NotAllowed(NOT_ALLOWED))
            return None

        operation._run_checks = checks
        return run

    return decorate
