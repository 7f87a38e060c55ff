"""Fixtures of the scheduling tests: a second room, requests ready to book, a booked case, and
published on-call rosters."""

import datetime as dt

import pytest
from django.utils import timezone

from irsuite.cases.requests import services as cases
from irsuite.patients.services import register_patient
from irsuite.people.access import staff_of
from irsuite.people.models import Room, SuiteType
from irsuite.scheduling.booking.calendar import local
from irsuite.scheduling.booking.models import OpeningHours
from irsuite.scheduling.booking.services import book
from irsuite.scheduling.roster.models import CallType
from irsuite.scheduling.roster.services import create_period, publish_period, solve_period

# A roster period here is solved and proven optimal in well under a second; this limit only
# stops a broken solve. One CP-SAT worker searches the same way on every run.
SOLVE_LIMIT_S = 120.0


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def room2(site):
    return Room.objects.create(
        site=site,
        code="angio2",
        name="Angio 2",
        suite_type=SuiteType.ANGIO_SINGLE_PLANE,
        ae_title="SBH_ANGIO2",
    )


@pytest.fixture
def open_weekdays(room, room2):
    """Both angio rooms open 08:00-18:00 on weekdays."""
    for r in (room, room2):
        for weekday in range(5):
            OpeningHours.objects.create(room=r, weekday=weekday, start=dt.time(8), end=dt.time(18))


@pytest.fixture
def make_vetted(persona, site, catalogue):
    """`make_vetted(mrn, code="PCN", priority="routine")` → a vetted request of a new patient."""
    made = {"n": 0}

    def make(code: str = "PCN", priority: str = "routine", due: dt.date | None = None):
        made["n"] += 1
        patient = register_patient(
            by=None,
            site=site,
            mrn=f"SBH9{made['n']:06d}",
            given_name="Test",
            family_name=f"Patient{made['n']}",
            birth_date=dt.date(1950, 1, 1),
            sex="F",
            synthetic=True,
        )
        request = cases.create_request(
            by=persona("referrer"),
            patient=patient,
            site=site,
            entry=cases.catalogue_entry(code),
            indication="Test",
            icd10_codes=[],
            priority=priority,
        )
        if due is not None:
            request.due_date = due
            request.save(update_fields=["due_date"])
        return cases.vet(request, by=persona("attending"), accept=True, note="ok")

    return make


@pytest.fixture
def booked(make_vetted, room, persona, tomorrow):
    """A vetted request booked in `room` at 09:00 tomorrow."""
    return book(make_vetted(), room=room, start=local(tomorrow, 9), by=persona("scheduler"))


@pytest.fixture
def solve():
    """`solve(period)` solves a draft roster period to optimality, the same way on every run."""

    def run(period):
        return solve_period(period, None, time_limit=SOLVE_LIMIT_S, workers=1)

    return run


@pytest.fixture
def night(db):
    """A night call (17:00 to 08:00) every day, for attendings."""
    return CallType.objects.create(
        name="Night",
        days="all",
        roles=["attending"],
        night=True,
        starts=dt.time(17, 0),
        ends=dt.time(8, 0),
    )


@pytest.fixture
def attendings(persona):
    return [staff_of(persona("attending", f"att{k}")) for k in range(5)]


@pytest.fixture
def published(night, attendings, today, solve):
    """A published roster of nights from three days ago to ten days ahead."""
    period = create_period(today - dt.timedelta(days=3), today + dt.timedelta(days=10), None)
    solve(period)
    return publish_period(period, None)


@pytest.fixture
def all_day_roster(persona, today, solve):
    """A published all-day roster (08:00 to 08:00 the next day) around today, four attendings;
    returns the period and the attendings."""
    CallType.objects.create(
        name="Day and night",
        days="all",
        roles=["attending"],
        night=False,
        starts=dt.time(8, 0),
        ends=dt.time(8, 0),
    )
    people = [staff_of(persona("attending", f"att{k}")) for k in range(4)]
    period = create_period(today - dt.timedelta(days=2), today + dt.timedelta(days=8), None)
    solve(period)
    publish_period(period, None)
    return period, people
