"""A modality played against the running demo: it queries its room's worklist, reports the
first case in progress and completed (MPPS) and sends the case's dose report (RAD-62).

Synthetic data only: the dose report is written by the demo's synthetic RDSR writer.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from io import BytesIO
from typing import Any

import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid
from pynetdicom import AE

from irsuite.dose.importing.synthetic import Header, projection_report, random_exposures
from irsuite.interop.dicom.listener import MODALITY_WORKLIST_FIND, MPPS_SOP_CLASS
from irsuite.interop.dicom.store import DOSE_SR_SOP_CLASSES

PENDING = (0xFF00, 0xFF01)  # PS3.4 C.4.1.1.4


def _query(station: str, day: dt.date) -> Dataset:
    query = Dataset()
    for keyword in ("PatientName", "PatientID", "AccessionNumber", "StudyInstanceUID",
                    "RequestedProcedureDescription"):  # fmt: skip
        setattr(query, keyword, "")
    item = Dataset()
    item.ScheduledStationAETitle = station
    item.ScheduledProcedureStepStartDate = day.strftime("%Y%m%d")
    item.ScheduledProcedureStepStartTime = ""
    item.ScheduledProcedureStepID = ""
    item.Modality = ""
    query.ScheduledProcedureStepSequence = Sequence([item])
    return query


def _pps(item: Dataset, status: str, at: dt.datetime, *, ending: bool) -> Dataset:
    ds = Dataset()
    ds.PerformedProcedureStepStatus = status
    if ending:
        ds.PerformedProcedureStepEndDate = at.strftime("%Y%m%d")
        ds.PerformedProcedureStepEndTime = at.strftime("%H%M%S")
        return ds
    ref = Dataset()
    ref.StudyInstanceUID = item.StudyInstanceUID
    ref.AccessionNumber = item.AccessionNumber
    ref.ScheduledProcedureStepID = item.ScheduledProcedureStepSequence[0].ScheduledProcedureStepID
    ds.ScheduledStepAttributesSequence = Sequence([ref])
    ds.PatientName, ds.PatientID = item.PatientName, item.PatientID
    ds.PerformedProcedureStepStartDate = at.strftime("%Y%m%d")
    ds.PerformedProcedureStepStartTime = at.strftime("%H%M%S")
    ds.PerformedProcedureStepID = f"P{at:%H%M%S}"
    ds.PerformedProcedureStepDescription = item.RequestedProcedureDescription
    ds.Modality = "XA"
    return ds


def play(
    host: str, port: int, station: str, called: str, say: Callable[[str], None], now: dt.datetime
) -> int:
    """Play the first case whose start is accepted (refused ones are shown); 0 when one went
    through, 1 otherwise."""
    ae = AE(ae_title=station)
    for context in (MODALITY_WORKLIST_FIND, MPPS_SOP_CLASS,
                    DOSE_SR_SOP_CLASSES[0]):  # fmt: skip
        ae.add_requested_context(context)
    assoc = ae.associate(host, port, ae_title=called)
    if not assoc.is_established:
        say(f"{called} at {host}:{port} refused the association (is {station} a room's AE title?)")
        return 1
    try:
        answers = assoc.send_c_find(_query(station, now.date()), MODALITY_WORKLIST_FIND)
        items = [
            found
            for status, found in answers
            if status and status.Status in PENDING and found is not None
        ]
        say(f"Worklist of {station} for {now:%d %b}: {len(items)} item(s)")
        if not items:
            return 1
        for item in items:
            if _perform(assoc, item, station, say, now):
                return 0
        return 1
    finally:
        assoc.release()


def _perform(
    assoc: Any, item: Dataset, station: str, say: Callable[[str], None], now: dt.datetime
) -> bool:
    """MPPS in progress, the dose report, MPPS completed; False when the start is refused."""
    say(f"  performing {item.AccessionNumber} {item.RequestedProcedureDescription}")
    uid = generate_uid()
    started = now - dt.timedelta(minutes=50)
    status, _ = assoc.send_n_create(
        _pps(item, "IN PROGRESS", started, ending=False), MPPS_SOP_CLASS, uid
    )
    say(f"  MPPS IN PROGRESS: {status.Status:#06x} {status.get('ErrorComment', '')}")
    if status.Status != 0:
        return False
    header = Header(item.StudyInstanceUID, item.AccessionNumber, item.PatientID, started, station)
    report = projection_report(header, random_exposures(random.Random(7), started, 60.0, 6))
    stored = assoc.send_c_store(pydicom.dcmread(BytesIO(report)))
    say(f"  dose report stored: {stored.Status:#06x}")
    done, _ = assoc.send_n_set(
        _pps(item, "COMPLETED", now - dt.timedelta(minutes=5), ending=True),
        MPPS_SOP_CLASS,
        uid,
    )
    say(f"  MPPS COMPLETED: {done.Status:#06x}")
    return bool(stored.Status == 0 and done.Status == 0)
