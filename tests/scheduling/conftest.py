"""Fixtures of the scheduling tests: a second room, other patients, requests ready to book."""

import datetime as dt

import pytest
from django.utils import timezone

from irsuite.cases.requests import services as cases
from irsuite.patients.services import register_patient
from irsuite.people.models import Room, SuiteType
from irsuite.scheduling.models import OpeningHours


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
