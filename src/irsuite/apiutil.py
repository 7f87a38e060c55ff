"""Shared pieces of the REST API: token auth, role checks, list pages, error bodies."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from irsuite.errors import NotAllowed
from irsuite.people.access import has_capability
from irsuite.people.policy import note_shown
from irsuite.people.roles import Capability
from irsuite.people.tokens import MalformedToken, user_for_token

M = TypeVar("M", bound=Model)
MALFORMED = "The API token is malformed: expected irs_<prefix>_<secret>."


class TokenAuth(HttpBearer):
    """`Authorization: Bearer irs_...`; a malformed token is a 401 with its own message."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            user = user_for_token(token)
        except MalformedToken:
            setattr(request, "irsuite_auth_error", MALFORMED)  # noqa: B010
            return None
        if user is None:
            return None
        request.user = user
        return user


class BrowserSession(SessionAuth):
    """The logged-in web session (CSRF-checked for writes)."""


AUTH = [TokenAuth(), BrowserSession()]


def ensure(request: HttpRequest, *needed: Capability) -> None:
    """Refuse (403) unless the caller holds one of the capabilities."""
    if not has_capability(request.user, *needed):
        raise NotAllowed("Your role does not allow this. Ask an administrator if you need it.")


def window(limit: int, offset: int) -> slice:
    """The rows of one page: at least 1 and at most 500 of them, from row `offset` (0 or more)."""
    offset = max(0, offset)
    return slice(offset, offset + max(1, min(limit, 500)))


def page(queryset: QuerySet[M], limit: int, offset: int) -> tuple[list[M], int]:
    """One page of a queryset and the total count; the patients the page shows are recorded
    as read (audit.reads) when the rows are a patient's data."""
    rows = list(queryset[window(limit, offset)])
    note_shown(rows)
    return rows, queryset.count()
