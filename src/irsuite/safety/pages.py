"""Small helpers shared by the safety pages: a posted version number, a service call."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest

from irsuite.bounds import bounded_int
from irsuite.errors import ServiceError


def posted_version(http: HttpRequest) -> int | None:
    """The version of the record the form was filled from (None when not sent)."""
    return bounded_int(http.POST.get("version", ""), low=0)


def run_service(http: HttpRequest, action: Callable[[], object], ok: str = "") -> None:
    """Call a service: its refusal becomes an error message on the next page, success ``ok``."""
    try:
        action()
    except ServiceError as error:
        messages.error(http, error.message)
    else:
        if ok:
            messages.success(http, ok)
