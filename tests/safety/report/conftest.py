"""Fixtures for the report tests: a procedure recorded up to the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from irsuite.cases.models import Procedure, TechnicalSuccess
from irsuite.cases.requests import services


@pytest.fixture
def finished(open_procedure: Procedure, persona) -> Procedure:  # type: ignore[no-untyped-def]
    """The open procedure with its times, technical success and disposition recorded."""
    now = timezone.now()
    services.update_procedure(
        open_procedure,
        by=persona("attending"),
        version=open_procedure.version,
        fields={
            "in_room_at": now - dt.timedelta(hours=2),
            "start_at": now - dt.timedelta(hours=1, minutes=50),
            "end_at": now - dt.timedelta(hours=1),
            "out_at": now - dt.timedelta(minutes=50),
            "technical_success": TechnicalSuccess.SUCCESS,
            "disposition": "ward",
        },
    )
    open_procedure.refresh_from_db()
    return open_procedure
