"""Small helpers shared by the case pages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from irsuite.errors import ServiceError


def service_error(
    request: HttpRequest, exc: ServiceError, form: forms.BaseForm | None = None
) -> None:
    """Show a service refusal on the form (or as a page message)."""
    if form is not None:
        form.add_error(None, exc.message)
    else:
        messages.error(request, exc.message)
