"""IVC filters followed from their signed placement until retrieval or a permanent decision."""

import datetime as dt

import pytest
from django.utils import timezone

from irsuite.cases.models import Procedure
from irsuite.errors import ValidationFailed
from irsuite.outcomes.devices import services as device_services
from irsuite.outcomes.devices.queries import filter_report
from irsuite.outcomes.models import IvcFilter

pytestmark = pytest.mark.django_db


def test_a_signed_filter_placement_is_followed_until_retrieval(make_procedure, persona):
    placement = make_procedure("IVCF-PLACE", day_offset=-1)
    item = IvcFilter.objects.get(placement=placement)
    rows = filter_report(timezone.localdate() + dt.timedelta(days=100))
    assert rows[0].state.status.value == "no_plan" and rows[0].needs_attention
    device_services.plan_retrieval(
        item, on=timezone.localdate() + dt.timedelta(days=20), by=persona("nurse")
    )
    retrieval = make_procedure("IVCF-RETRIEVE")
    item.refresh_from_db()
    assert item.retrieved_on == retrieval.day and item.retrieval_id == retrieval.pk
    assert filter_report(timezone.localdate(), in_place=True) == []


def test_a_permanent_filter_needs_a_reason(make_procedure, persona):
    item = IvcFilter.objects.get(placement=make_procedure("IVCF-PLACE"))
    with pytest.raises(ValidationFailed):
        device_services.keep_permanently(item, reason="", by=persona("attending"))
    device_services.keep_permanently(
        item, reason="Lifelong contraindication", by=persona("attending")
    )
    row = filter_report(timezone.localdate() + dt.timedelta(days=400))[0]
    assert row.state.status.value == "permanent" and not row.needs_attention


def test_the_ivc_report_page_lists_filters(client_as, make_procedure):
    make_procedure("IVCF-PLACE")
    response = client_as("nurse").get("/outcomes/ivc-filters/")
    assert response.status_code == 200 and len(response.context["rows"]) == 1


def test_signing_twice_does_not_follow_a_filter_twice(make_procedure):
    placement = make_procedure("IVCF-PLACE")
    Procedure.objects.get(pk=placement.pk).save()
    assert IvcFilter.objects.filter(placement=placement).count() == 1
