"""An M&M case links to its procedure, its report and its request."""

import pytest
from django.urls import reverse

from irsuite.outcomes.review import services as review_services

pytestmark = pytest.mark.django_db


def test_an_mm_case_links_to_its_procedure_and_report(signed_procedure, persona, client_as):
    case = review_services.flag_manually(
        signed_procedure, note="Unexpected pain", by=persona("nurse")
    )
    body = client_as("quality_lead").get(reverse("outcomes:mm_case", args=[case.pk]))
    text = body.content.decode()
    assert reverse("cases:procedure", args=[signed_procedure.pk]) in text
    assert reverse("safety:report", args=[signed_procedure.pk]) in text
