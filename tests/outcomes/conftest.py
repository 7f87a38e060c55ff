"""Helpers for the outcomes tests: signed procedures of any catalogue entry with a given team,
reference files edited in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from irsuite.cases.models import CaseRole, Procedure, RequestStatus, TechnicalSuccess
from irsuite.cases.procedures import services as ps
from irsuite.cases.requests import services
from irsuite.outcomes.adverse_events.services import AeInput, record_adverse_event
from irsuite.patients.models import Patient
from irsuite.people.models import Room, Site


@pytest.fixture
def make_procedure(
    catalogue, persona: Callable[..., User], site: Site, room: Room, patient: Patient
) -> Callable[..., Procedure]:  # type: ignore[no-untyped-def]
    """`make_procedure("PCN", team=[(user, role)], success=..., sign=True, who=patient)`."""
    counter = {"n": 0}

    def make(
        code: str = "PCN",
        *,
        team: list[tuple[User, str]] | None = None,
        success: str = TechnicalSuccess.SUCCESS,
        sign: bool = True,
        who: Patient | None = None,
        day_offset: int = 0,
    ) -> Procedure:
        counter["n"] += 1
        attending = persona("attending")
        request = services.create_request(
            by=persona("referrer"),
            patient=who or patient,
            site=site,
            entry=services.catalogue_entry(code),
            indication="Synthetic indication",
            icd10_codes=[],
            priority="routine",
        )
        request = services.vet(request, by=attending, accept=True, note="ok")
        start = (timezone.now() + dt.timedelta(days=day_offset - 2)).replace(
            hour=8, minute=0, second=0, microsecond=0
        ) + dt.timedelta(minutes=90 * counter["n"])
        request = services.schedule_request(
            request, room=room, start=start, by=persona("scheduler")
        )
        request = services.transition(
            request,
            RequestStatus.READY,
            by=attending,
            reason="Bleeding-risk plan not under test",
        )
        procedure = services.start_procedure(
            request, by=attending, override_reason="Safety gates not under test"
        )
        members = team if team is not None else [(attending, CaseRole.ATTENDING_OPERATOR)]
        for user, role in members:
            ps.add_team_member(procedure, staff=user.staff, role=role, by=attending)
        procedure.refresh_from_db()
        services.update_procedure(
            procedure,
            by=attending,
            version=procedure.version,
            fields={
                "in_room_at": start,
                "start_at": start + dt.timedelta(minutes=5),
                "end_at": start + dt.timedelta(minutes=45),
                "out_at": start + dt.timedelta(minutes=50),
                "technical_success": success,
                "disposition": "ward",
            },
        )
        procedure.refresh_from_db()
        if sign:
            procedure = ps.sign_procedure(procedure, by=attending)
        return procedure

    return make


@pytest.fixture
def record_haemorrhage() -> Callable[..., Any]:
    """`record_haemorrhage(procedure, by)`: a grade 2 bleed tagged major_haemorrhage, on the
    procedure's day."""

    def record(procedure: Procedure, by: User) -> Any:
        return record_adverse_event(
            procedure,
            AeInput(
                timing="post",
                onset_date=procedure.day,
                category="bleeding",
                description="Bleed",
                gradings=[("sir_2017", "2")],
                treatment="Transfused",
                indicator="major_haemorrhage",
            ),
            by=by,
        )

    return record


@pytest.fixture
def edited_reference(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """`edited_reference("quality.toml", change)`: the outcomes app reads that reference file as
    `change(data)` leaves it (the parsed file is changed in memory, never on disk)."""
    from irsuite.outcomes import reference

    original, changes = reference.read_toml, {}

    def read(name: str) -> dict[str, Any]:
        data = original(name)
        if name in changes:
            changes[name](data)
        return data

    def clear() -> None:
        for cached in reference.CACHED:
            cached.cache_clear()

    def edit(name: str, change: Callable[[dict[str, Any]], None]) -> None:
        changes[name] = change
        clear()

    monkeypatch.setattr(reference, "read_toml", read)
    yield edit
    clear()
