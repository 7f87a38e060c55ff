"""What the case pages share: running a service for a page and showing its refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from irsuite.errors import ServiceError

T = TypeVar("T")


def service_error(
    request: HttpRequest, exc: ServiceError, form: forms.BaseForm | None = None
) -> None:
    """Show a service refusal on the form (or as a page message)."""
    if form is not None:
        form.add_error(None, exc.message)
    else:
        messages.error(request, exc.message)


def attempt(request: HttpRequest, action: Callable[[], T], success: str = "") -> T | None:
    """Run a service call for a page: a refusal becomes a page message (and None is returned);
    otherwise the `success` message, if any, is shown and the call's result returned."""
    try:
        done = action()
    except ServiceError as exc:
        service_error(request, exc)
        return None
    if success:
        messages.success(request, success)
    return done


def submit(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], object],
    *,
    success: str = "",
    invalid: str = "",
) -> None:
    """Run `action` with a posted form's data; the form's problems, or `invalid` when given,
    become a page message."""
    if form.is_valid():
        attempt(request, lambda: action(form.cleaned_data), success)
    else:
        problems = " ".join(str(m) for ms in form.errors.values() for m in ms)
        messages.error(request, invalid or problems)
