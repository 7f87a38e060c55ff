"""The worklist item's attributes (PS3.4 K.6.1.2.2): where each comes from, how it matches,
and how an answer is built for the keys a query asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydicom.config import IGNORE
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.tag import BaseTag, Tag

from irsuite.domain.dicom_matching import Vr

SPS_SEQUENCE = "ScheduledProcedureStepSequence"  # (0040,0100)
SPS_TAG = Tag(0x0040, 0x0100)
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


def _code_item(query_item: Dataset | None, row: Mapping[str, Any]) -> Dataset:
    item = Dataset()
    for keyword, column in CODE.items():
        if query_item is None or len(query_item) == 0 or keyword in query_item:
            item.add_new(keyword, "SH" if keyword != "CodeMeaning" else "LO", row[column])
    return item


# One answer element: its tag, VR and the column that fills it.
Slot = tuple[BaseTag, str, Attr]
# A code sequence asked for: its tag and the query's item (which keys of the code it wants).
Code = tuple[BaseTag, Dataset | None]


@dataclass(frozen=True)
class Plan:
    """What every answer to one query holds, worked out once per query, not once per row:
    the top-level elements, the code sequences asked for and the SPS item's elements."""

    top: tuple[Slot, ...]
    codes: tuple[Code, ...]
    sps: tuple[Slot, ...] | None
    sps_codes: tuple[Code, ...] = ()


def _slot(tag: BaseTag, attr: Attr) -> Slot:
    return tag, "US" if attr.vr == "US" else str(attr.vr), attr


def _codes(keys: Dataset) -> tuple[Code, ...]:
    return tuple(
        (key.tag, key.value[0] if key.value else None)
        for key in keys
        if key.keyword in CODE_SEQUENCES
    )


def plan_of(query: Dataset) -> Plan:
    """The answer plan of a query: every supported key asked for (an empty SPS item asks for
    the whole item); keys irsuite does not support are left out."""
    top = tuple(_slot(key.tag, TOP[key.keyword]) for key in query if key.keyword in TOP)
    if SPS_SEQUENCE not in query:
        return Plan(top, _codes(query), None)
    asked = query[SPS_SEQUENCE].value[0] if query[SPS_SEQUENCE].value else Dataset()
    if len(asked) == 0:
        sps = tuple(_slot(Tag(attr.keyword), attr) for attr in SPS.values())
    else:
        sps = tuple(_slot(key.tag, SPS[key.keyword]) for key in asked if key.keyword in SPS)
    return Plan(top, _codes(query), sps, _codes(asked))


def _element(slot: Slot, row: Mapping[str, Any]) -> DataElement:
    tag, vr, attr = slot
    # The values come from columns no longer than their VR allows: no need to validate.
    return DataElement(tag, vr, dicom_value(attr.vr, row[attr.column]), validation_mode=IGNORE)


def _add_codes(target: Dataset, codes: tuple[Code, ...], row: Mapping[str, Any]) -> None:
    for tag, first in codes:
        target.add_new(tag, "SQ", Sequence([_code_item(first, row)]))


def answer_with(plan: Plan, row: Mapping[str, Any], charset: str) -> Dataset:
    """The answer for one row, following the query's plan."""
    out = Dataset()
    out.SpecificCharacterSet = charset
    for slot in plan.top:
        out.add(_element(slot, row))
    _add_codes(out, plan.codes, row)
    if plan.sps is not None:
        item = Dataset()
        for slot in plan.sps:
            item.add(_element(slot, row))
        _add_codes(item, plan.sps_codes, row)
        out.add_new(SPS_TAG, "SQ", Sequence([item]))
    return out


def answer(query: Dataset, row: Mapping[str, Any], charset: str) -> Dataset:
    """The answer to `query` for one row: every supported key asked for, with its value
    (empty keys are returned filled, keys irsuite does not support are left out)."""
    return answer_with(plan_of(query), row, charset)
