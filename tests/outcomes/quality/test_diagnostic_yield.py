"""'Sample adequate for diagnosis' is captured on a biopsy, after signing too, and feeds the
diagnostic-yield quality indicator."""

import pytest
from django.urls import reverse

from irsuite.cases.procedures import services as ps
from irsuite.outcomes.quality.models import QualityFact

pytestmark = pytest.mark.django_db


def _yield_facts(procedure):
    return QualityFact.objects.filter(procedure=procedure, indicator="diagnostic_yield")


def test_sample_adequacy_is_captured_and_feeds_the_diagnostic_yield(make_procedure, persona):
    biopsy = make_procedure("BX-DEEP")
    assert not _yield_facts(biopsy).exists()  # not counted while unknown
    ps.record_sample_adequacy(biopsy, "inadequate", by=persona("attending"))
    assert [f.event for f in _yield_facts(biopsy)] == [False]
    ps.record_sample_adequacy(biopsy, "adequate", by=persona("attending"))
    assert [f.event for f in _yield_facts(biopsy)] == [True]


def test_the_signed_biopsy_page_takes_the_pathology_answer(make_procedure, client_as):
    biopsy = make_procedure("BX-DEEP")
    attending = client_as("attending")
    page = attending.get(reverse("cases:procedure", args=[biopsy.pk])).content.decode()
    assert "Sample adequate for diagnosis" in page
    attending.post(
        reverse("cases:procedure_sample", args=[biopsy.pk]), {"sample_adequacy": "adequate"}
    )
    biopsy.refresh_from_db()
    assert biopsy.get_sample_adequacy_display() == "Adequate for diagnosis"
