"""Small helpers of the scheduling pages and API."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest


def actor(request: HttpRequest) -> AbstractBaseUser | None:
    """The logged-in user making the request (None for an anonymous one)."""
    user = request.user
    return user if isinstance(user, AbstractBaseUser) and user.is_authenticated else None


def is_htmx(request: HttpRequest) -> bool:
    """True for a request sent by HTMX (django-htmx sets ``request.htmx``)."""
    return bool(getattr(request, "htmx", False))
