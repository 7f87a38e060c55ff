"""The study pages: a physicist links an unlinked study by hand."""

from __future__ import annotations

import pytest
from django.urls import reverse
from dose_samples import altered

from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.studies.models import DoseStudy

pytestmark = pytest.mark.django_db

FLUORO = "RF-RDSR-Siemens-Zee.dcm"


def test_a_physicist_links_an_unlinked_study_from_its_page(client_as, open_procedure) -> None:  # type: ignore[no-untyped-def]
    import_rdsr(
        altered(FLUORO, AccessionNumber="X", StudyDate=open_procedure.day.strftime("%Y%m%d")),
        filename="u.dcm",
        source="test",
    )
    study = DoseStudy.objects.get()
    client = client_as("physicist")
    assert (
        str(open_procedure.request.accession_number)
        in client.get(reverse("dose:study", args=[study.pk])).content.decode()
    )
    assert client.get(reverse("dose:unlinked")).status_code == 200
    client.post(reverse("dose:link", args=[study.pk]), {"procedure": open_procedure.pk})
    study.refresh_from_db()
    assert study.procedure == open_procedure
    assert (
        client_as("attending")
        .post(reverse("dose:link", args=[study.pk]), {"procedure": open_procedure.pk})
        .status_code
        == 403
    )
