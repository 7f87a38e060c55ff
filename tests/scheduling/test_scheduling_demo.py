import pytest
from django.utils import timezone

from irsuite.demo.context import DemoContext
from irsuite.demo.scheduling import area as demo
from irsuite.scheduling.models import (
    AnaesthesiaSession,
    Booking,
    OpeningHours,
    RecurringBlock,
    RoomCapability,
)

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
