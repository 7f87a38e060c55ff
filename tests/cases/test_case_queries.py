"""Read-side queries the case features share: filters, visibility, lists and the worklist."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from irsuite.cases.models import CatalogueEntry, RequestStatus
from irsuite.cases.queries import listed_requests, matching, visible_requests, worklist
from irsuite.cases.requests import services

pytestmark = pytest.mark.django_db


def test_matching_ignores_lookups_without_a_value(catalogue):
    entries = CatalogueEntry.objects.all()
    assert matching(entries, family=None, code="").count() == entries.count()
    assert list(matching(entries, family=None, code="PCN")) == [entries.get(code="PCN")]


def test_matching_applies_every_lookup_given(catalogue):
    entries = CatalogueEntry.objects.all()
    pcn = entries.get(code="PCN")
    assert matching(entries, code="PCN", family=pcn.family).get() == pcn
    assert not matching(entries, code="PCN", family="venous_access").exists()


def test_nobody_without_a_role_sees_requests(new_request):
    assert not visible_requests(AnonymousUser()).exists()


def test_listed_requests_are_newest_first_and_filtered(persona, new_request, patient, site):
    older = services.create_request(
        by=persona("referrer"),
        patient=patient,
        site=site,
        entry=services.catalogue_entry("PICC"),
        indication="Antibiotics",
        requested_at=timezone.now() - dt.timedelta(days=3),
    )
    attending = persona("attending")
    assert list(listed_requests(attending)) == [new_request, older]
    assert list(listed_requests(attending, priority="routine")) == [older]
    assert list(listed_requests(attending, day=timezone.localdate(older.requested_at))) == [older]
    assert list(listed_requests(attending, site="noc")) == []


def test_the_worklist_holds_only_the_days_bookings(scheduled_request):
    day = timezone.localdate(scheduled_request.scheduled_start)
    assert list(worklist(day)) == [scheduled_request]
    assert list(worklist(day, status=RequestStatus.READY)) == []
    assert list(worklist(day + dt.timedelta(days=1))) == []
    assert list(worklist(day, room=scheduled_request.room_id, site="sbh")) == [scheduled_request]
