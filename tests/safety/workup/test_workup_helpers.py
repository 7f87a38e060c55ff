"""Fixtures shared by the work-up tests (imported by them; holds no tests itself)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone

from irsuite.cases import hooks
from irsuite.cases.models import Request, RequestStatus
from irsuite.cases.requests import services
from irsuite.safety.workup import hooks as workup_hooks
from irsuite.safety.workup import services as workup_services

IN_THREE_DAYS = dt.timedelta(days=3)


@pytest.fixture
def gate() -> Iterator[None]:
    """The work-up hooks (readiness guard, panel, checklist check) registered for one test;
    left in place afterwards when the app had registered them already."""
    guards = hooks.TRANSITION_GUARDS.get(RequestStatus.READY, [])
    already = workup_services.ready_guard in guards
    workup_hooks.register()
    yield
    if not already:
        workup_hooks.unregister()


@pytest.fixture
def booked_request(vetted_request: Request, room, persona) -> Request:  # type: ignore[no-untyped-def]
    """A scheduled nephrostomy (high bleeding risk) three days from now at 09:00."""
    start = (timezone.now() + IN_THREE_DAYS).replace(hour=9, minute=0, second=0, microsecond=0)
    return services.schedule_request(
        vetted_request, room=room, start=start, by=persona("scheduler")
    )
