"""The quarantine page: only an admin sees it, and re-processes a held file from it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from dose_samples import sample

from irsuite.dose.importing.models import QuarantinedFile
from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.studies.models import DoseStudy

pytestmark = pytest.mark.django_db


def test_only_an_admin_sees_the_quarantine(client_as) -> None:  # type: ignore[no-untyped-def]
    import_rdsr(b"junk", filename="junk.bin", source="test")
    assert client_as("physicist").get(reverse("dose:quarantine")).status_code == 403
    page = client_as("admin").get(reverse("dose:quarantine"))
    assert page.status_code == 200 and "junk.bin" in page.content.decode()


def test_an_admin_reprocesses_a_quarantined_file_from_the_page(client_as) -> None:  # type: ignore[no-untyped-def]
    held = QuarantinedFile.objects.create(
        filename="ok.dcm",
        source="test",
        content=sample("Dual-RDSR-RF.dcm"),
        sha256="x",
        kind="unknown_unit",
        reason="old",
    )
    response = client_as("admin").post(
        reverse("dose:quarantine_action", args=[held.pk]), {"action": "reprocess"}
    )
    assert response.status_code == 302
    assert DoseStudy.objects.count() == 1
