"""Linking dose studies to procedures: by accession number, by patient, date and room, or by
hand."""

from __future__ import annotations

import datetime as dt

import pytest
from dose_samples import altered

from irsuite.dose.importing.linking import link_by_hand
from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.studies.models import DoseStudy, LinkMethod

pytestmark = pytest.mark.django_db

FLUORO = "RF-RDSR-Siemens-Zee.dcm"


def _da(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def test_a_study_is_linked_to_its_procedure_by_accession_number(open_procedure) -> None:  # type: ignore[no-untyped-def]
    data = altered(
        FLUORO,
        PatientID="SBH0000001",
        StudyDate=open_procedure.day.strftime("%Y%m%d"),
        AccessionNumber=open_procedure.request.accession_number,
    )
    import_rdsr(data, filename="a.dcm", source="test")
    study = DoseStudy.objects.get()
    assert study.procedure == open_procedure
    assert study.patient == open_procedure.request.patient
    assert study.link_method == LinkMethod.ACCESSION


def test_without_accession_it_links_by_patient_date_and_room(open_procedure, room) -> None:  # type: ignore[no-untyped-def]
    data = altered(
        FLUORO, AccessionNumber="", PatientID="SBH0000001", StudyDate=_da(open_procedure.day)
    )
    import_rdsr(data, filename="b.dcm", source="listener", ae_title=room.ae_title)
    study = DoseStudy.objects.get()
    assert study.room == room
    assert study.procedure == open_procedure
    assert study.link_method == LinkMethod.PATIENT_DATE_ROOM


def test_an_unmatched_study_stays_unlinked_until_a_physicist_links_it(
    open_procedure,
    persona,  # type: ignore[no-untyped-def]
) -> None:
    import_rdsr(altered(FLUORO, AccessionNumber="NOPE"), filename="c.dcm", source="test")
    study = DoseStudy.objects.get()
    assert study.procedure is None and study.link_method == LinkMethod.NONE
    link_by_hand(study, open_procedure, by=persona("physicist"))
    study.refresh_from_db()
    assert study.procedure == open_procedure
    assert study.link_method == LinkMethod.MANUAL
    assert study.linked_by == persona("physicist")
