"""The demo's scheduling: rooms, hours, lists and bookings, and published on-call rosters."""

import pytest
from django.utils import timezone

from irsuite.demo.context import DemoContext
from irsuite.demo.scheduling import area as demo
from irsuite.demo.scheduling import roster as roster_demo
from irsuite.scheduling.booking.models import (
    AnaesthesiaSession,
    Booking,
    OpeningHours,
    RecurringBlock,
    RoomCapability,
)
from irsuite.scheduling.roster.models import CallType, PeriodStatus, RosterAssignment, RosterPeriod

pytestmark = pytest.mark.django_db


def test_the_demo_gives_rooms_hours_lists_and_bookings_behind_booked_cases(
    scheduled_request, room, site, persona
):
    Booking.objects.all().delete()
    ctx = DemoContext(seed=1, procedures=0, now=timezone.now(), quick=True, show_progress=False)
    ctx.sites, ctx.rooms = [site], [room]
    ctx.users = {"scheduler": persona("scheduler")}
    demo.build_rooms(ctx)
    assert set(RoomCapability.objects.values_list("capability", flat=True)) == {
        "angio",
        "fluoroscopy",
        "us",
    }
    assert OpeningHours.objects.filter(room=room).count() == 5
    assert RecurringBlock.objects.get(room=room).service == "oncology"
    assert AnaesthesiaSession.objects.filter(room=room).exists()
    assert demo.build_bookings(ctx) == 1
    booking = Booking.objects.get()
    assert (booking.request, booking.start) == (
        scheduled_request,
        scheduled_request.scheduled_start,
    )


def test_the_demo_publishes_rosters_for_the_demo_staff(attendings, persona):
    for k in range(2):
        persona("fellow", f"fellow{k}")
    for k in range(3):
        persona("resident", f"resident{k}")
    ctx = DemoContext(seed=3, procedures=0, now=timezone.now(), quick=True, show_progress=False)
    roster_demo.build(ctx)
    periods = RosterPeriod.objects.filter(status=PeriodStatus.PUBLISHED)
    assert periods.count() == 2
    assert CallType.objects.count() == 4
    today = timezone.localdate()
    assert RosterAssignment.objects.filter(day=today, period__in=periods).count() >= 2
