"""The worklist item's attributes (PS3.4 K.6.1.2.2): where each comes from, how it matches,
and how an answer is built for the keys a query asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from irsuite.domain.dicom_matching import Vr, matches_text, matches_uid

SPS_SEQUENCE = "ScheduledProcedureStepSequence"  # (0040,0100)
CODE_SEQUENCES = frozenset({"RequestedProcedureCodeSequence", "ScheduledProtocolCodeSequence"})
START_DATE = "ScheduledProcedureStepStartDate"
START_TIME = "ScheduledProcedureStepStartTime"


@dataclass(frozen=True)
class Attr:
    """One supported key: its VR and the scheduled step's column that answers it."""

    keyword: str
    vr: Vr | str
    column: str


# Patient, visit and requested procedure levels (PS3.4 Table K.6-1).
TOP = {
    a.keyword: a
    for a in (
        Attr("PatientName", Vr.PN, "patient_name"),
        Attr("PatientID", Vr.LO, "patient_id"),
        Attr("IssuerOfPatientID", Vr.LO, "issuer_of_patient_id"),
        Attr("PatientBirthDate", Vr.DA, "birth_date"),
        Attr("PatientSex", Vr.CS, "sex"),
        Attr("Allergies", Vr.LO, "allergies"),
        Attr("PregnancyStatus", "US", "pregnancy_status"),
        Attr("AccessionNumber", Vr.SH, "accession_number"),
        Attr("RequestedProcedureID", Vr.SH, "requested_procedure_id"),
        Attr("RequestedProcedureDescription", Vr.LO, "description"),
        Attr("StudyInstanceUID", Vr.UI, "study_instance_uid"),
    )
}
# The Scheduled Procedure Step Sequence's item.
SPS = {
    a.keyword: a
    for a in (
        Attr("ScheduledStationAETitle", Vr.AE, "station_ae_title"),
        Attr("ScheduledStationName", Vr.SH, "station_name"),
        Attr(START_DATE, Vr.DA, "start_date"),
        Attr(START_TIME, Vr.TM, "start_time"),
        Attr("Modality", Vr.CS, "modality"),
        Attr("ScheduledPerformingPhysicianName", Vr.PN, "performing_physician"),
        Attr("ScheduledProcedureStepDescription", Vr.LO, "description"),
        Attr("ScheduledProcedureStepID", Vr.SH, "sps_id"),
        Attr("ScheduledProcedureStepStatus", Vr.CS, "status"),
    )
}
# A code sequence item (PS3.3 8.8).
CODE = {
    "CodeValue": "code_value",
    "CodingSchemeDesignator": "code_scheme",
    "CodeMeaning": "code_meaning",
}
COLUMNS = sorted({a.column for a in (*TOP.values(), *SPS.values())} | set(CODE.values()) | {"id"})


def dicom_value(vr: Vr | str, value: Any) -> Any:
    """A stored value as pydicom wants it for `vr` (empty for unknown)."""
    if value is None or value == "":
        return None if vr == "US" else ""
    if isinstance(value, dt.date) and vr == Vr.DA:
        return value.strftime("%Y%m%d")
    if isinstance(value, dt.time):
        return value.strftime("%H%M%S")
    return value


def text_of(element: DataElement) -> str | None:
    """A query key's value as text (None when it is empty)."""
    value = element.value
    if value is None or value == "":
        return None
    if isinstance(value, list | tuple) or type(value).__name__ == "MultiValue":
        return "\\".join(str(v) for v in value)
    return str(value)


def matches_key(attr: Attr, key: DataElement, row: Mapping[str, Any]) -> bool:
    """One non-date key against one row (dates and times are matched together elsewhere)."""
    text = text_of(key)
    if text is None:
        return True
    value = row[attr.column]
    if attr.vr == Vr.UI:
        return matches_uid(value, text)
    if attr.vr == "US":
        return value is not None and str(value) == text.strip()
    if attr.vr == Vr.DA:
        from irsuite.domain.dicom_matching import matches_date

        return matches_date(value, text)
    return matches_text(value, text, Vr(attr.vr))


def matches_code(query: Dataset, row: Mapping[str, Any]) -> bool:
    """Sequence matching of a code sequence's item (PS3.4 C.2.2.2.6)."""
    for keyword, column in CODE.items():
        if keyword in query and not matches_text(row[column], text_of(query[keyword]), Vr.SH):
            return False
    return True


def _code_item(query_item: Dataset | None, row: Mapping[str, Any]) -> Dataset:
    item = Dataset()
    for keyword, column in CODE.items():
        if query_item is None or len(query_item) == 0 or keyword in query_item:
            item.add_new(keyword, "SH" if keyword != "CodeMeaning" else "LO", row[column])
    return item


def _put(
    target: Dataset, key: DataElement, row: Mapping[str, Any], table: Mapping[str, Attr]
) -> None:
    keyword = key.keyword
    if keyword in table:
        attr = table[keyword]
        vr = "US" if attr.vr == "US" else str(attr.vr)
        target.add_new(key.tag, vr, dicom_value(attr.vr, row[attr.column]))
    elif keyword in CODE_SEQUENCES:
        first = key.value[0] if key.value else None
        target.add_new(key.tag, "SQ", Sequence([_code_item(first, row)]))


def answer(query: Dataset, row: Mapping[str, Any], charset: str) -> Dataset:
    """The answer to `query` for one row: every supported key asked for, with its value
    (empty keys are returned filled, keys irsuite does not support are left out)."""
    out = Dataset()
    out.SpecificCharacterSet = charset
    for key in query:
        if key.keyword == SPS_SEQUENCE:
            asked = key.value[0] if key.value else Dataset()
            item = Dataset()
            for sub in asked:
                _put(item, sub, row, SPS)
            if len(asked) == 0:
                for attr in SPS.values():
                    item.add_new(
                        attr.keyword,
                        str(attr.vr),
                        dicom_value(attr.vr, row[attr.column]),
                    )
            out.add_new(key.tag, "SQ", Sequence([item]))
        elif key.keyword != "SpecificCharacterSet":
            _put(out, key, row, TOP)
    return out
