"""Shared fixtures: reference data, personas (one login per role) and cases at each stage; the
profile every property test runs under."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from irsuite.cases.catalogue.services import load_catalogue
from irsuite.cases.models import CaseRole, Procedure, Request, RequestStatus, TechnicalSuccess
from irsuite.cases.procedures import services as ps
from irsuite.cases.requests import services
from irsuite.patients.models import Patient
from irsuite.patients.services import register_patient
from irsuite.people.models import Room, Site, Staff, SuiteType
from irsuite.people.roles import StaffRole
from irsuite.people.tokens import issue_token

# Property tests run the same examples on every run and every xdist worker (no example database,
# no deadline: a loaded worker is slow, not wrong). A test that sets its own @settings keeps
# them and takes the rest from this profile.
hypothesis_settings.register_profile(
    "irsuite",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.load_profile("irsuite")


def _flush_around_the_audit_trigger() -> None:
    """Tests that commit are undone by emptying every table (Django's flush); on SQLite the
    audit log's no-delete trigger is lifted for that statement list only, and put back."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return  # PostgreSQL empties tables with TRUNCATE, which row triggers do not see
    from django.db.backends.sqlite3.base import DatabaseWrapper

    operations = DatabaseWrapper.ops_class

    trigger = importlib.import_module("irsuite.audit.migrations.0004_no_delete_on_sqlite")
    original = operations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):  # type: ignore[no-untyped-def]
        statements = original(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if "audit_auditevent" not in tables:
            return statements
        return [trigger.DROP, *statements, trigger.CREATE]

    operations.sql_flush = sql_flush


_flush_around_the_audit_trigger()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):  # type: ignore[no-untyped-def]
    """Tasks run where they are enqueued; tests of the queue itself set the database backend
    and start a real `irsuite worker`."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    """The procedure catalogue loaded from reference/data/catalogue.toml."""
    return load_catalogue()


@pytest.fixture
def site(db) -> Site:  # type: ignore[no-untyped-def]
    return Site.objects.create(code="sbh", name="St Brigid's University Hospital")


@pytest.fixture
def other_site(db) -> Site:  # type: ignore[no-untyped-def]
    return Site.objects.create(code="noc", name="Northfield Outpatient Centre")


@pytest.fixture
def room(site: Site) -> Room:
    return Room.objects.create(
        site=site,
        code="angio1",
        name="Angio 1",
        suite_type=SuiteType.ANGIO_BIPLANE,
        ae_title="SBH_ANGIO1",
    )


@pytest.fixture
def persona(db, site: Site) -> Callable[..., User]:  # type: ignore[no-untyped-def]
    """`persona("attending")` → a user whose staff record has that role (cached per role)."""
    made: dict[str, User] = {}

    def make(role: str, name: str | None = None) -> User:
        key = name or role
        if key not in made:
            user = User.objects.create_user(username=key, password="pw-" + key)
            Staff.objects.create(
                user=user, given_name=key.capitalize(), family_name="Test", role=role, site=site
            )
            made[key] = user
        return made[key]

    return make


@pytest.fixture
def client_as(persona: Callable[..., User]) -> Callable[..., Client]:
    """`client_as("nurse")` → a test client logged in as that persona."""

    def make(role: str, name: str | None = None) -> Client:
        client = Client()
        client.force_login(persona(role, name))
        return client

    return make


@pytest.fixture
def api_as(persona: Callable[..., User]) -> Callable[..., Client]:
    """`api_as("physicist")` → a test client that sends that persona's API token."""

    def make(role: str, name: str | None = None) -> Client:
        token = issue_token(persona(role, name))
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


@pytest.fixture
def patient(site: Site) -> Patient:
    return register_patient(
        by=None,
        site=site,
        mrn="SBH0000001",
        given_name="Ada",
        family_name="Example",
        birth_date=dt.date(1960, 5, 17),
        sex="F",
        synthetic=True,
    )


@pytest.fixture
def second_patient(site: Site) -> Patient:
    """Another patient at the same site."""
    return register_patient(
        by=None,
        site=site,
        mrn="SBH0000002",
        given_name="Ben",
        family_name="Example",
        birth_date=dt.date(1955, 1, 2),
        sex="M",
        synthetic=True,
    )


def make_request(
    persona: Callable[..., User], patient: Patient, site: Site, code: str = "PCN"
) -> Request:
    referrer = persona("referrer")
    return services.create_request(
        by=referrer,
        patient=patient,
        site=site,
        entry=services.catalogue_entry(code),
        indication="Obstructed left kidney",
        icd10_codes=["N13.30"],
        priority="urgent",
    )


@pytest.fixture
def new_request(catalogue, persona, patient, site) -> Request:  # type: ignore[no-untyped-def]
    return make_request(persona, patient, site)


@pytest.fixture
def vetted_request(new_request: Request, persona) -> Request:  # type: ignore[no-untyped-def]
    return services.vet(new_request, by=persona("attending"), accept=True, note="Agree")


@pytest.fixture
def scheduled_request(vetted_request: Request, room: Room, persona) -> Request:  # type: ignore[no-untyped-def]
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    return services.schedule_request(
        vetted_request, room=room, start=start, by=persona("scheduler")
    )


@pytest.fixture
def ready_request(scheduled_request: Request, persona) -> Request:  # type: ignore[no-untyped-def]
    """Ready through an attending's audited override: the bleeding-risk plan is not under test."""
    return services.transition(
        scheduled_request,
        RequestStatus.READY,
        by=persona("attending"),
        reason="Bleeding-risk plan not under test",
    )


@pytest.fixture
def open_procedure(ready_request: Request, persona) -> Procedure:  # type: ignore[no-untyped-def]
    """A draft procedure with an attending operator and a nurse on the team (started through
    the audited emergency override: consent and the checklist are not under test here)."""
    procedure = services.start_procedure(
        ready_request, by=persona("attending"), override_reason="Safety gates not under test"
    )
    ps.add_team_member(
        procedure,
        staff=persona("attending").staff,
        role=CaseRole.ATTENDING_OPERATOR,
        by=persona("attending"),
    )
    ps.add_team_member(
        procedure, staff=persona("nurse").staff, role=CaseRole.NURSE, by=persona("attending")
    )
    procedure.refresh_from_db()
    return procedure


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


@pytest.fixture
def signed_procedure(finished: Procedure, persona) -> Procedure:  # type: ignore[no-untyped-def]
    return ps.sign_procedure(finished, by=persona("attending"))


ALL_ROLES = list(StaffRole.values)
