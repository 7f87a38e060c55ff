"""Role checks shared by pages and API routes."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from irsuite.people.models import Staff
from irsuite.people.roles import Capability, StaffRole, capabilities_of

V = TypeVar("V", bound=Callable[..., HttpResponse])
UserLike = AbstractBaseUser | AnonymousUser | None


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

        return wrapper  # type: ignore[return-value]

    return decorator
