"""Leave pages: people enter their own leave; roster managers anyone's."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from irsuite.audit.models import AuditEvent
from irsuite.people.access import staff_of
from irsuite.scheduling.leave.models import LeaveRequest


def test_people_enter_their_own_leave_and_it_is_audited(client_as, persona):
    client = client_as("fellow")
    me = staff_of(persona("fellow"))
    client.post(
        reverse("scheduling:roster_leave"),
        {"kind": "leave", "start": "2027-03-01", "end": "2027-03-05", "note": "course"},
    )
    row = LeaveRequest.objects.get(staff=me)
    assert (row.start, row.end, row.kind) == (dt.date(2027, 3, 1), dt.date(2027, 3, 5), "leave")
    assert AuditEvent.objects.filter(object_type="scheduling.leaverequest").exists()


def test_only_roster_managers_enter_or_remove_someone_elses_leave(client_as, persona):
    other = staff_of(persona("attending"))
    client_as("fellow").post(
        reverse("scheduling:roster_leave"),
        {"staff": other.pk, "kind": "leave", "start": "2027-03-01"},
    )
    assert not LeaveRequest.objects.filter(staff=other).exists()
    client_as("scheduler").post(
        reverse("scheduling:roster_leave"),
        {"staff": other.pk, "kind": "prefers_off", "start": "2027-03-02"},
    )
    row = LeaveRequest.objects.get(staff=other)
    assert row.kind == "prefers_off"
    url = reverse("scheduling:roster_leave_cancel", args=[row.pk])
    assert client_as("fellow").post(url).status_code == 403
    client_as("attending").post(url)
    assert not LeaveRequest.objects.filter(pk=row.pk).exists()


def test_the_leave_page_is_closed_to_roles_without_the_roster(client_as, db):
    assert client_as("coder").get(reverse("scheduling:roster_leave")).status_code == 403
    assert Client().get(reverse("scheduling:roster_leave")).status_code == 302


def test_recorded_leave_is_confirmed_with_the_sites_dates(client_as):
    response = client_as("fellow").post(
        reverse("scheduling:roster_leave"),
        {"kind": "leave", "start": "2027-03-01", "end": "2027-03-05"},
        follow=True,
    )
    page = response.content.decode()
    assert "Recorded: 1 Mar 2027 to 5 Mar 2027." in page
    assert "Recorded: 2027-" not in page
