"""A running DICOM server and a pynetdicom modality for the interop tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid
from pynetdicom import AE
from pynetdicom.sop_class import (
    ModalityPerformedProcedureStep,
    ModalityWorklistInformationFind,
)

from irsuite.interop.dicom.listener import start


@contextmanager
def server() -> Iterator[int]:
    """irsuite's DICOM server on a free loopback port."""
    running = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert running is not None
    try:
        yield running.server_address[1]
    finally:
        running.shutdown()


def worklist_query(**sps: str) -> Dataset:
    """A typical console query: the patient keys empty and the given SPS keys."""
    query = Dataset()
    for keyword in (
        "PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex",
        "Allergies", "AccessionNumber", "RequestedProcedureID", "RequestedProcedureDescription",
        "StudyInstanceUID",
    ):  # fmt: skip
        setattr(query, keyword, "")
    query.PregnancyStatus = None
    code = Dataset()
    code.CodeValue = code.CodingSchemeDesignator = code.CodeMeaning = ""
    query.RequestedProcedureCodeSequence = Sequence([code])
    item = Dataset()
    for keyword in (
        "ScheduledStationAETitle", "ScheduledStationName", "ScheduledProcedureStepStartDate",
        "ScheduledProcedureStepStartTime", "Modality", "ScheduledPerformingPhysicianName",
        "ScheduledProcedureStepDescription", "ScheduledProcedureStepID",
    ):  # fmt: skip
        setattr(item, keyword, sps.get(keyword, ""))
    query.ScheduledProcedureStepSequence = Sequence([item])
    return query


def find(port: int, query: Dataset, calling: str = "SBH_ANGIO1") -> tuple[int, list[Dataset]]:
    """Send one worklist query on its own association: the final status and the answers."""
    scu = AE(ae_title=calling)
    scu.add_requested_context(ModalityWorklistInformationFind)
    assoc = scu.associate("127.0.0.1", port, ae_title="IRSUITE")
    assert assoc.is_established
    answers, final = [], -1
    try:
        for status, identifier in assoc.send_c_find(query, ModalityWorklistInformationFind):
            if status and status.Status in (0xFF00, 0xFF01):
                answers.append(identifier)
            elif status:
                final = int(status.Status)
    finally:
        assoc.release()
    return final, answers


def pps_in_progress(
    *, accession: str = "", sps_id: str = "", study_uid: str = "", at: dt.datetime
) -> Dataset:
    """An N-CREATE attribute list (PS3.4 Table F.7.2-1), status IN PROGRESS."""
    ds = Dataset()
    ref = Dataset()
    ref.StudyInstanceUID = study_uid
    ref.AccessionNumber = accession
    ref.ScheduledProcedureStepID = sps_id
    ref.RequestedProcedureID = accession
    ds.ScheduledStepAttributesSequence = Sequence([ref])
    ds.PatientName = "Example^Ada"
    ds.PatientID = "SBH0000001"
    ds.PerformedStationAETitle = "SBH_ANGIO1"
    ds.PerformedStationName = "ANGIO1"
    ds.PerformedProcedureStepStartDate = at.strftime("%Y%m%d")
    ds.PerformedProcedureStepStartTime = at.strftime("%H%M%S")
    ds.PerformedProcedureStepID = "PPS1"
    ds.PerformedProcedureStepDescription = "Nephrostomy"
    ds.PerformedProcedureStepStatus = "IN PROGRESS"
    ds.Modality = "XA"
    ds.PerformedSeriesSequence = Sequence()
    return ds


def pps_final(status: str, at: dt.datetime, reason: str = "") -> Dataset:
    """An N-SET modification list that ends the step."""
    ds = Dataset()
    ds.PerformedProcedureStepStatus = status
    ds.PerformedProcedureStepEndDate = at.strftime("%Y%m%d")
    ds.PerformedProcedureStepEndTime = at.strftime("%H%M%S")
    series = Dataset()
    series.SeriesInstanceUID = generate_uid()
    image = Dataset()
    image.ReferencedSOPClassUID = "1.2.840.10008.5.1.4.1.1.12.1"
    image.ReferencedSOPInstanceUID = generate_uid()
    series.ReferencedImageSequence = Sequence([image])
    ds.PerformedSeriesSequence = Sequence([series])
    if reason:
        code = Dataset()
        code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = "110514", "DCM", reason
        ds.PerformedProcedureStepDiscontinuationReasonCodeSequence = Sequence([code])
    return ds


class Modality:
    """One association of a modality sending MPPS."""

    def __init__(self, port: int, calling: str = "SBH_ANGIO1") -> None:
        scu = AE(ae_title=calling)
        scu.add_requested_context(ModalityPerformedProcedureStep)
        self.assoc = scu.associate("127.0.0.1", port, ae_title="IRSUITE")
        assert self.assoc.is_established

    def create(self, uid: str, ds: Dataset) -> Dataset:
        status, _ = self.assoc.send_n_create(ds, ModalityPerformedProcedureStep, uid)
        return status

    def set(self, uid: str, ds: Dataset) -> Dataset:
        status, _ = self.assoc.send_n_set(ds, ModalityPerformedProcedureStep, uid)
        return status

    def close(self) -> None:
        self.assoc.release()


def another_vetted_request(persona: Any, patient: Any, site: Any) -> Any:
    """A second vetted request for the same patient (the fixtures make one)."""
    from irsuite.cases.requests import services

    request = services.create_request(
        by=persona("referrer"),
        patient=patient,
        site=site,
        entry=services.catalogue_entry("PCN"),
        indication="Obstructed right kidney",
    )
    return services.vet(request, by=persona("attending"), accept=True, note="")
