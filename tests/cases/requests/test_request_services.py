"""Requests: intake, vetting, booking and the status workflow, each step recorded."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.cases.models import RequestStatus
from irsuite.cases.requests import services
from irsuite.errors import Conflict, NotAllowed, NotFound, ValidationFailed

pytestmark = pytest.mark.django_db


def test_a_request_records_every_transition_with_who_and_why(vetted_request, persona):
    steps = [(t.from_status, t.to_status) for t in vetted_request.transitions.all()]
    assert steps == [("requested", "vetted")]
    assert vetted_request.transitions.get().by == persona("attending")


def test_accession_numbers_are_not_guessable_from_one_another(new_request, persona):
    from irsuite.domain import accession

    numbers = [new_request.accession_number] + [
        services.create_request(
            by=persona("referrer"),
            patient=new_request.patient,
            site=new_request.site,
            entry=new_request.catalogue_entry,
            indication="Obstructed left kidney",
        ).accession_number
        for _ in range(4)
    ]
    assert all(accession.is_valid(n) and len(n) == accession.LENGTH for n in numbers)
    assert not any(accession.LEGACY.match(n) for n in numbers)
    # a counter's numbers share all but their last characters; random ones almost none
    for a, b in itertools.combinations(numbers, 2):
        assert sum(x == y for x, y in zip(a[2:-1], b[2:-1], strict=True)) <= 6


def test_a_request_cannot_skip_vetting(new_request, persona):
    with pytest.raises(Conflict, match="cannot become scheduled"):
        services.transition(new_request, RequestStatus.SCHEDULED, by=persona("scheduler"))


def test_rejecting_needs_a_reason(new_request, persona):
    with pytest.raises(ValidationFailed, match="reason"):
        services.transition(new_request, RequestStatus.REJECTED, by=persona("attending"))


def test_only_vetting_roles_vet(new_request, persona):
    with pytest.raises(NotAllowed):
        services.vet(new_request, by=persona("nurse"), accept=True, note="")


def test_an_indication_code_that_is_not_icd10_is_refused(catalogue, persona, patient, site):
    with pytest.raises(ValidationFailed, match="Not an ICD-10-CM code: 12345"):
        services.create_request(
            by=persona("referrer"),
            patient=patient,
            site=site,
            entry=services.catalogue_entry("PCN"),
            indication="x",
            icd10_codes=["12345"],
        )


def test_codes_are_normalised(catalogue, persona, patient, site):
    made = services.create_request(
        by=persona("referrer"),
        patient=patient,
        site=site,
        entry=services.catalogue_entry("PCN"),
        indication="x",
        icd10_codes=["n1330", "k83.1"],
    )
    assert made.icd10_codes == ["N13.30", "K83.1"]


def test_an_unknown_catalogue_code_is_a_clear_error(catalogue):
    with pytest.raises(NotFound, match="no procedure with code 'NOPE'"):
        services.catalogue_entry("NOPE")


def test_a_referrer_always_requests_in_their_own_name(catalogue, persona, patient, site):
    made = services.create_request(
        by=persona("referrer"),
        patient=patient,
        site=site,
        entry=services.catalogue_entry("PCN"),
        indication="Obstruction",
        referrer=persona("attending").staff,
    )
    assert made.referrer == persona("referrer").staff


def test_booking_a_vetted_request_schedules_it_for_the_catalogue_duration(
    vetted_request, room, persona
):
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    booked = services.schedule_request(
        vetted_request, room=room, start=start, by=persona("scheduler")
    )
    assert booked.status == RequestStatus.SCHEDULED and booked.room == room
    minutes = vetted_request.catalogue_entry.default_duration_min
    assert booked.scheduled_end - booked.scheduled_start == dt.timedelta(minutes=minutes)
    assert AuditEvent.objects.filter(action=AuditAction.CHANGE, summary="booked").exists()


def test_a_request_not_yet_vetted_cannot_be_booked(new_request, room, persona):
    with pytest.raises(Conflict, match="vet it first"):
        services.schedule_request(
            new_request, room=room, start=timezone.now(), by=persona("scheduler")
        )
