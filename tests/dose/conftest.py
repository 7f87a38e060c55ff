"""Fixtures of the dose tests.

This folder is on `sys.path` while the dose tests run (pytest puts a conftest's folder there),
so the tests of every feature folder import the sample files' helpers from `dose_samples`.
"""

from __future__ import annotations

import pytest
from dose_samples import altered

from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.studies.models import DoseStudy

FLUORO = "RF-RDSR-Siemens-Zee.dcm"


@pytest.fixture
def linked_hot_study(open_procedure) -> DoseStudy:  # type: ignore[no-untyped-def]
    """A fluoroscopy study linked to `open_procedure`, over the Ka,r level (6 Gy)."""
    day = open_procedure.day.strftime("%Y%m%d")
    accession = open_procedure.request.accession_number
    data = altered(
        FLUORO, PatientID="SBH0000001", AccessionNumber=accession, dose_rp_gy=6, StudyDate=day
    )
    import_rdsr(data, filename="hot.dcm", source="test")
    return DoseStudy.objects.get()
