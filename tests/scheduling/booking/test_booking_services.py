import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from irsuite.cases.models import RequestStatus
from irsuite.cases.requests import services as cases
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.patients.services import register_patient
from irsuite.scheduling.booking.calendar import local
from irsuite.scheduling.booking.models import Booking, BookingKind, RequestNeeds
from irsuite.scheduling.booking.services import add_on, book, move, unbook

pytestmark = pytest.mark.django_db


def at(hour: int, minute: int = 0, days: int = 1) -> dt.datetime:
    """An aware local time `days` from today."""
    return local(timezone.localdate() + dt.timedelta(days=days), hour, minute)


@pytest.fixture
def another_patient(site):
    return register_patient(
        by=None,
        site=site,
        mrn="SBH0000002",
        given_name="Bea",
        family_name="Example",
        birth_date=dt.date(1970, 1, 2),
        sex="F",
        synthetic=True,
    )


def vetted(persona, patient, site, code="PCN"):
    request = cases.create_request(
        by=persona("referrer"),
        patient=patient,
        site=site,
        entry=cases.catalogue_entry(code),
        indication="Test indication",
        icd10_codes=[],
        priority="routine",
    )
    return cases.vet(request, by=persona("attending"), accept=True, note="ok")


def test_booking_a_vetted_request_schedules_it_for_the_catalogue_length(
    vetted_request, room, persona
):
    booking = book(vetted_request, room=room, start=at(9), by=persona("scheduler"))
    vetted_request.refresh_from_db()
    assert vetted_request.status == RequestStatus.SCHEDULED
    assert booking.minutes == vetted_request.catalogue_entry.default_duration_min
    assert (vetted_request.room, vetted_request.scheduled_start) == (room, at(9))
    assert booking.patient == vetted_request.patient


def test_a_request_can_carry_its_own_length_operator_and_anaesthesia(vetted_request, room, persona):
    operator = persona("attending").staff
    RequestNeeds.objects.create(
        request=vetted_request, operator=operator, anaesthesia=True, duration_min=95
    )
    booking = book(vetted_request, room=room, start=at(9), by=persona("scheduler"))
    assert (booking.minutes, booking.operator, booking.anaesthesia) == (95, operator, True)


def test_a_room_cannot_be_booked_twice_at_the_same_time(
    vetted_request, room, persona, another_patient, site
):
    book(vetted_request, room=room, start=at(9), by=persona("scheduler"))
    second = vetted(persona, another_patient, site)
    with pytest.raises(Conflict, match="The room is already booked"):
        book(second, room=room, start=at(9, 30), by=persona("scheduler"))
    second.refresh_from_db()
    assert second.status == RequestStatus.VETTED


def test_a_patient_cannot_be_in_two_rooms_at_once(
    vetted_request, room, room2, persona, patient, site
):
    book(vetted_request, room=room, start=at(9), by=persona("scheduler"))
    second = vetted(persona, patient, site)
    with pytest.raises(Conflict, match="The patient already has a booking"):
        book(second, room=room2, start=at(9, 30), by=persona("scheduler"))


def test_an_operator_cannot_be_in_two_rooms_at_once(
    vetted_request, room, room2, persona, another_patient, site
):
    operator = persona("attending").staff
    book(vetted_request, room=room, start=at(9), by=persona("scheduler"), operator=operator)
    second = vetted(persona, another_patient, site)
    with pytest.raises(Conflict, match="The operator is already booked"):
        book(second, room=room2, start=at(9, 30), by=persona("scheduler"), operator=operator)


def test_back_to_back_bookings_are_allowed(vetted_request, room, persona, another_patient, site):
    first = book(vetted_request, room=room, start=at(9), by=persona("scheduler"))
    second = book(
        vetted(persona, another_patient, site), room=room, start=first.end, by=persona("scheduler")
    )
    assert second.start == first.end


def test_the_database_itself_refuses_an_overlapping_room_booking(
    vetted_request, room, persona, another_patient, site
):
    first = book(vetted_request, room=room, start=at(9), by=persona("scheduler"))
    other = vetted(persona, another_patient, site)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            request=other,
            room=room,
            patient=another_patient,
            start=first.start + dt.timedelta(minutes=10),
            end=first.end + dt.timedelta(minutes=10),
        )
    assert Booking.objects.count() == 1


def test_the_database_refuses_moving_a_booking_onto_another(
    vetted_request, room, persona, another_patient, site
):
    first = book(vetted_request, room=room, start=at(9), by=persona("scheduler"))
    second = book(
        vetted(persona, another_patient, site), room=room, start=at(14), by=persona("scheduler")
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=second.pk).update(start=first.start, end=first.end)


def test_moving_a_booking_keeps_its_length_and_frees_the_old_time(
    vetted_request, room, room2, persona, another_patient, site
):
    booking = book(vetted_request, room=room, start=at(9), by=persona("scheduler"))
    moved = move(
        booking, room=room2, start=at(13), by=persona("scheduler"), version=booking.version
    )
    assert (moved.room, moved.start, moved.minutes) == (room2, at(13), booking.minutes)
    assert moved.version == booking.version + 1
    book(vetted(persona, another_patient, site), room=room, start=at(9), by=persona("scheduler"))


def test_a_stale_move_is_refused(vetted_request, room, persona):
    booking = book(vetted_request, room=room, start=at(9), by=persona("scheduler"))
    move(booking, room=room, start=at(10), by=persona("scheduler"), version=booking.version)
    with pytest.raises(Conflict, match="Someone else moved this booking"):
        move(booking, room=room, start=at(11), by=persona("scheduler"), version=booking.version)


def test_a_ct_guided_procedure_cannot_be_booked_in_an_angio_suite(
    persona, patient, site, room, catalogue
):
    entry = next(e for e in catalogue_entries() if e.room_capability == "ct")
    request = vetted(persona, patient, site, code=entry.code)
    with pytest.raises(ValidationFailed, match="needs a room with ct"):
        book(request, room=room, start=at(9), by=persona("scheduler"))


def catalogue_entries():
    from irsuite.cases.models import CatalogueEntry

    return CatalogueEntry.objects.filter(active=True)


def test_a_nurse_cannot_book(vetted_request, room, persona):
    with pytest.raises(NotAllowed):
        book(vetted_request, room=room, start=at(9), by=persona("nurse"))


def test_taking_a_booking_off_the_calendar_frees_the_room_and_returns_the_request_to_vetted(
    vetted_request, room, persona
):
    booking = book(vetted_request, room=room, start=at(9), by=persona("scheduler"))
    request = unbook(booking, by=persona("scheduler"))
    assert request.status == RequestStatus.VETTED
    assert not Booking.objects.exists()


def test_cancelling_a_request_frees_its_booking(scheduled_request, persona):
    assert Booking.objects.filter(request=scheduled_request).exists()
    cases.transition(
        scheduled_request,
        RequestStatus.CANCELLED,
        by=persona("attending"),
        reason="Patient improved",
    )
    assert not Booking.objects.exists()


def test_an_unvetted_emergency_add_on_is_vetted_and_booked_by_the_attending(
    new_request, room, persona
):
    booking = add_on(new_request, room=room, start=at(22, days=0), by=persona("attending"))
    new_request.refresh_from_db()
    assert booking.kind == BookingKind.ADD_ON
    assert new_request.status == RequestStatus.SCHEDULED


def test_a_scheduler_cannot_vet_an_add_on(new_request, room, persona):
    with pytest.raises(NotAllowed, match="vetted by an attending"):
        add_on(new_request, room=room, start=None, by=persona("scheduler"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_postgresql_has_the_three_exclusion_constraints():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE contype = 'x' AND conname LIKE 'booking_%'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {f"booking_{k}_no_overlap" for k in ("room", "patient", "operator")}


def test_moving_from_the_request_page_keeps_the_bookings_operator_and_kind(
    vetted_request, room, room2, persona
):
    operator = persona("attending").staff
    book(
        vetted_request,
        room=room,
        start=at(9),
        by=persona("scheduler"),
        operator=operator,
        kind=BookingKind.ADD_ON,
    )
    cases.schedule_request(vetted_request, room=room2, start=at(15), by=persona("scheduler"))
    booking = Booking.objects.get(request=vetted_request)
    assert (booking.room, booking.start) == (room2, at(15))
    assert (booking.operator, booking.kind, booking.version) == (operator, BookingKind.ADD_ON, 2)
