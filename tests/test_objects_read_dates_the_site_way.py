"""An object that names itself with a date (in the admin, a picker, a history) writes it the
site's way (``7 Dec 2026``, irsuite/formats/en_GB), as the pages do, never as ISO 8601."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.db import models
from django.utils import timezone

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.cases.procedures.models import Addendum, Procedure
from irsuite.dose.studies.models import DoseStudy, ReportKind
from irsuite.outcomes.adverse_events.models import AdverseEvent
from irsuite.outcomes.devices.models import CentralLine, IvcFilter
from irsuite.outcomes.followup.models import FollowUpTask, FollowUpVisit
from irsuite.outcomes.quality.models import QualityMonth
from irsuite.outcomes.review.models import Conference
from irsuite.people.models import Room, Site, Staff
from irsuite.scheduling.autoschedule.models import ScheduleProposal
from irsuite.scheduling.booking.models import Booking
from irsuite.scheduling.leave.models import LeaveRequest
from irsuite.scheduling.roster.models import CallType, RosterAssignment, RosterPeriod

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DAY = dt.date(2026, 12, 7)
LATER = dt.date(2026, 12, 20)
MOMENT = timezone.make_aware(dt.datetime(2026, 12, 7, 9, 0))

OBJECTS: dict[str, tuple[Callable[[], models.Model], str]] = {
    "procedure": (lambda: Procedure(pk=1, day=DAY), "7 Dec 2026"),
    "addendum": (lambda: Addendum(at=MOMENT), "7 Dec 2026 09:00"),
    "dose study": (lambda: DoseStudy(kind=ReportKind.CT, study_date=DAY), "7 Dec 2026"),
    "adverse event": (lambda: AdverseEvent(onset_date=DAY), "7 Dec 2026"),
    "IVC filter": (lambda: IvcFilter(placed_on=DAY), "7 Dec 2026"),
    "central line": (lambda: CentralLine(inserted_on=DAY), "7 Dec 2026"),
    "follow-up task": (lambda: FollowUpTask(due_date=DAY), "7 Dec 2026"),
    "follow-up visit": (lambda: FollowUpVisit(booked_for=DAY), "7 Dec 2026"),
    "conference": (lambda: Conference(title="M&M", held_on=DAY), "M&M (7 Dec 2026)"),
    "quality month": (lambda: QualityMonth(indicator="x", month=DAY), "December 2026"),
    "booking": (lambda: Booking(room=Room(code="A1"), start=MOMENT), "A1 7 Dec 2026 09:00"),
    "proposal": (lambda: ScheduleProposal(site=Site(code="S"), week_start=DAY), "7 Dec 2026"),
    "leave": (
        lambda: LeaveRequest(
            staff=Staff(given_name="Ada", family_name="Lovelace"), start=DAY, end=LATER
        ),
        "7 Dec 2026 to 20 Dec 2026",
    ),
    "roster period": (lambda: RosterPeriod(start=DAY, end=LATER), "7 Dec 2026 to 20 Dec 2026"),
    "roster assignment": (
        lambda: RosterAssignment(
            day=DAY,
            call_type=CallType(name="IR on call"),
            staff=Staff(given_name="Ada", family_name="Lovelace"),
        ),
        "7 Dec 2026 IR on call Ada Lovelace",
    ),
    "audit entry": (
        lambda: AuditEvent(at=MOMENT, actor_label="a", action=AuditAction.CHANGE),
        "7 Dec 2026 09:00",
    ),
}


@pytest.mark.parametrize("name", OBJECTS)
def test_an_object_names_itself_with_the_sites_date_format(name: str) -> None:
    build, expected = OBJECTS[name]
    text = str(build())
    assert expected in text
    assert not ISO_DATE.search(text), text


def test_a_dose_study_without_a_date_says_so() -> None:
    assert str(DoseStudy(kind=ReportKind.CT)).endswith("study of an unknown date")
