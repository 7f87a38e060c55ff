"""Small helpers shared by the safety pages: a posted version number, a service call."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest

from irsuite.errors import ServiceError


def posted_version(http: HttpRequest) -> int | None:
    """The version of the record the form was filled from (None when not sent)."""
    raw = http.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def run_service(http: HttpRequest, action: Callable[[], object], ok: str = "") -> None:
    """Call a service: its refusal becomes an error message on the next page, success ``ok``."""
    try:
        action()
    except ServiceError as error:
        messages.error(http, error.message)
    else:
        if ok:
            messages.success(http, ok)
