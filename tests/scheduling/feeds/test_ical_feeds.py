import datetime as dt

import pytest
from django.urls import reverse

from irsuite.scheduling.booking.calendar import local
from irsuite.scheduling.booking.services import book
from irsuite.scheduling.feeds.ical import escape, fold
from irsuite.scheduling.feeds.models import FeedKind
from irsuite.scheduling.feeds.tokens import feed_token
from irsuite.scheduling.roster.ical import roster_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(make_vetted, room, persona, tomorrow):
    operator = persona("attending").staff
    return book(
        make_vetted(),
        room=room,
        start=local(tomorrow, 9),
        by=persona("scheduler"),
        operator=operator,
    )


def room_feed(room, token=None):
    url = reverse("scheduling:ical_room", args=[room.pk])
    return f"{url}?token={token if token is not None else feed_token(FeedKind.ROOM, room.pk)}"


def test_a_rooms_feed_is_an_icalendar_with_one_event_per_booking(client, booked, room):
    response = client.get(room_feed(room))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert f"UID:booking-{booked.pk}@irsuite" in lines
    start = booked.start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in lines
    assert "\n" not in text.replace("\r\n", "")


def test_a_feed_never_names_the_patient(client, booked, room):
    text = client.get(room_feed(room)).content.decode()
    assert booked.patient.family_name not in text
    assert booked.request.accession_number not in text


def test_an_operators_feed_holds_their_cases(client, booked):
    pk = booked.operator_id
    url = (
        reverse("scheduling:ical_operator", args=[pk])
        + f"?token={feed_token(FeedKind.OPERATOR, pk)}"
    )
    assert f"UID:booking-{booked.pk}@irsuite" in client.get(url).content.decode()


@pytest.mark.parametrize("token", ["", "0" * 32])
def test_a_feed_without_the_right_token_does_not_exist(client, booked, room, token):
    assert client.get(room_feed(room, token)).status_code == 404


def test_a_room_token_does_not_open_an_operator_feed(client, booked):
    pk = booked.operator_id
    url = reverse("scheduling:ical_operator", args=[pk]) + f"?token={feed_token(FeedKind.ROOM, pk)}"
    assert client.get(url).status_code == 404


def test_the_feeds_page_gives_an_attending_their_own_address(client_as, booked):
    page = client_as("attending").get(reverse("scheduling:feeds")).content.decode()
    assert feed_token(FeedKind.OPERATOR, booked.operator_id) in page


def test_the_feeds_page_needs_a_login_and_a_clinical_role(client, client_as):
    assert client.get(reverse("scheduling:feeds")).status_code == 302
    assert client_as("researcher").get(reverse("scheduling:feeds")).status_code == 403


def test_text_values_are_escaped():
    assert escape("Drain; left, kidney\\\nnext") == "Drain\\; left\\, kidney\\\\\\nnext"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "é" * 100
    folded = fold(line).split("\r\n")
    assert all(len(part.encode()) <= 75 for part in folded)
    assert all(part.startswith(" ") for part in folded[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(folded)) == line


def _reissue(client, kind, pk):
    return client.post(reverse("scheduling:feed_reissue", args=[kind, pk]))


def test_an_address_handed_out_before_feeds_could_be_reissued_still_opens_its_feed(
    client, booked, room
):
    from django.utils.crypto import salted_hmac

    legacy = salted_hmac("irsuite.scheduling.feeds.ical", f"room:{room.pk}", algorithm="sha256")
    assert client.get(room_feed(room, legacy.hexdigest()[:32])).status_code == 200


def test_a_scheduler_gives_a_room_feed_a_new_address_and_the_old_one_stops_working(
    client, client_as, booked, room
):
    from irsuite.audit.models import AuditEvent

    old = feed_token(FeedKind.ROOM, room.pk)
    response = _reissue(client_as("scheduler"), "room", room.pk)
    assert response.status_code == 302 and response["Location"] == reverse("scheduling:feeds")
    new = feed_token(FeedKind.ROOM, room.pk)
    assert new != old
    assert client.get(room_feed(room, old)).status_code == 404
    assert client.get(room_feed(room, new)).status_code == 200
    event = AuditEvent.objects.get(object_type="scheduling.feed")
    assert event.object_id == f"room:{room.pk}" and event.actor_label != "system"


def test_re_issuing_one_feed_leaves_every_other_address_as_it_was(client_as, booked, room):
    operator = feed_token(FeedKind.OPERATOR, booked.operator_id)
    _reissue(client_as("scheduler"), "room", room.pk)
    assert feed_token(FeedKind.OPERATOR, booked.operator_id) == operator


def test_a_resident_may_reissue_their_own_feed_but_not_a_colleagues_or_a_rooms(
    client_as, persona, booked, room
):
    # Residents do not schedule, so they see (and may re-issue) only their own address.
    me = persona("resident", "own.feed")
    colleague = persona("resident", "colleague.feed")
    client = client_as("resident", "own.feed")
    assert _reissue(client, "operator", me.staff.pk).status_code == 302
    assert _reissue(client, "operator", colleague.staff.pk).status_code == 403
    assert _reissue(client, "room", room.pk).status_code == 403


def test_re_issuing_takes_a_post_from_someone_logged_in(client, client_as, room):
    url = reverse("scheduling:feed_reissue", args=["room", room.pk])
    assert client_as("scheduler").get(url).status_code == 405
    assert client.post(url).status_code == 302  # to the login page
    assert _reissue(client_as("scheduler"), "calendar", room.pk).status_code == 404


def test_a_person_gives_their_on_call_feed_a_new_address(client, client_as, persona):
    me = persona("attending", "oncall.feed")
    url = reverse("scheduling:roster_ical", args=[me.staff.pk])
    old = roster_token(me.staff.pk)
    response = _reissue(client_as("attending", "oncall.feed"), "roster", me.staff.pk)
    assert response["Location"] == reverse("scheduling:oncall")
    assert client.get(url, {"token": old}).status_code == 403
    assert client.get(url, {"token": roster_token(me.staff.pk)}).status_code == 200
