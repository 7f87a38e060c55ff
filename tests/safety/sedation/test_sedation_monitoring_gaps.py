"""A gap in monitoring is a stretch without vital signs longer than the reference interval by
more than its grace: charting "every 5 minutes" by hand at 5:20 raises no false alarm."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from irsuite.safety.reference import recovery_reference
from irsuite.safety.sedation import queries
from irsuite.safety.sedation import services as ss
from irsuite.safety.sedation.models import CarePhase

pytestmark = pytest.mark.django_db
VALUES = {"heart_rate": "78", "systolic": "132", "spo2": "97"}


def chart(ready_request, nurse, *, every: dt.timedelta, count: int):  # type: ignore[no-untyped-def]
    start = timezone.now().replace(microsecond=0) - every * count - dt.timedelta(minutes=5)
    sedation = ss.sedation_record(
        ready_request, by=nurse, kind="moderate", baseline_systolic=140, started_at=start
    )
    for n in range(count):
        ss.record_vitals(
            sedation, phase=CarePhase.SEDATION, by=nurse, at=start + every * n, values=VALUES
        )
    return sedation


def test_vital_signs_charted_at_five_minutes_twenty_show_no_gap_in_monitoring(
    ready_request, persona, client_as
):
    nurse = persona("nurse")
    sedation = chart(ready_request, nurse, every=dt.timedelta(minutes=5, seconds=20), count=6)
    assert queries.monitoring_gaps(sedation, CarePhase.SEDATION) == []
    page = client_as("nurse").get(reverse("safety:sedation", args=[ready_request.pk]))
    assert "Gap in monitoring" not in page.content.decode()


def test_a_stretch_one_second_past_the_interval_and_its_grace_is_shown_as_a_gap(
    ready_request, persona, client_as
):
    monitoring = recovery_reference().monitoring
    late = monitoring.during_sedation + monitoring.grace + dt.timedelta(seconds=1)
    sedation = chart(ready_request, persona("nurse"), every=late, count=2)
    gaps = queries.monitoring_gaps(sedation, CarePhase.SEDATION)
    assert len(gaps) == 1 and gaps[0][1] - gaps[0][0] == late
    page = client_as("nurse").get(reverse("safety:sedation", args=[ready_request.pk]))
    assert "Gap in monitoring (during the procedure)" in page.content.decode()


def test_a_stretch_of_exactly_the_interval_and_its_grace_is_no_gap(ready_request, persona):
    monitoring = recovery_reference().monitoring
    longest = monitoring.during_sedation + monitoring.grace
    sedation = chart(ready_request, persona("nurse"), every=longest, count=3)
    assert queries.monitoring_gaps(sedation, CarePhase.SEDATION) == []
