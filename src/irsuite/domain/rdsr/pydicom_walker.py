"""Reference walker: the SR content tree read through pydicom's object model.

Slower than `lean_walker` but obviously right; tests compare the two on every sample.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from irsuite.domain.rdsr.codes import ValueType
from irsuite.domain.rdsr.errors import ErrorKind, RdsrError
from irsuite.domain.rdsr.tree import Code, ContentItem, Header, SrDocument

_TEXT_ATTRIBUTES = {
    ValueType.TEXT: "TextValue",
    ValueType.UIDREF: "UID",
    ValueType.DATETIME: "DateTime",
    ValueType.DATE: "Date",
    ValueType.TIME: "Time",
    ValueType.PNAME: "PersonName",
}


def dataset_from_bytes(data: bytes) -> Dataset:
    """Parse a DICOM file (Part 10, or a bare dataset) with pydicom, with typed errors."""
    if len(data) < 132 or data[128:132] != b"DICM":
        raise RdsrError(ErrorKind.NOT_DICOM, "the file is not a DICOM object (no DICM marker)")
    try:
        return dcmread(BytesIO(data))
    except InvalidDicomError as exc:
        raise RdsrError(ErrorKind.NOT_DICOM, "the file is not a DICOM object") from exc
    except Exception as exc:  # noqa: BLE001 - corrupt bytes raise many kinds of error in pydicom
        raise RdsrError(ErrorKind.TRUNCATED, f"the file could not be read ({exc})") from exc


def _str(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _code(dataset: Dataset, keyword: str) -> Code | None:
    sequence = dataset.get(keyword)
    if not sequence:
        return None
    item = sequence[0]
    value = item.get("CodeValue") or item.get("LongCodeValue") or item.get("URNCodeValue")
    return Code(
        _str(value), _str(item.get("CodingSchemeDesignator")), _str(item.get("CodeMeaning"))
    )


def _fill_num(item: ContentItem, dataset: Dataset) -> None:
    measured = dataset.get("MeasuredValueSequence")
    if not measured:
        return
    value = measured[0]
    raw = value["NumericValue"].value if "NumericValue" in value else None
    item.number = None if raw is None or raw == "" else _str(raw)
    unit = _code(value, "MeasurementUnitsCodeSequence")
    if unit is not None:
        item.unit, item.unit_scheme = unit.value, unit.scheme


def _item(dataset: Dataset) -> ContentItem:
    value_type = ValueType.parse(_str(dataset.get("ValueType")))
    item = ContentItem(
        value_type=value_type,
        relationship=_str(dataset.get("RelationshipType")),
        concept=_code(dataset, "ConceptNameCodeSequence"),
    )
    if value_type is ValueType.NUM:
        _fill_num(item, dataset)
    elif value_type is ValueType.CODE:
        item.code = _code(dataset, "ConceptCodeSequence")
    elif value_type in _TEXT_ATTRIBUTES:
        item.text = _str(dataset.get(_TEXT_ATTRIBUTES[value_type]))
    for child in dataset.get("ContentSequence") or ():
        item.children.append(_item(child))
    return item


def _header(dataset: Dataset) -> Header:
    return Header(
        sop_class_uid=_str(dataset.get("SOPClassUID")),
        sop_instance_uid=_str(dataset.get("SOPInstanceUID")),
        study_instance_uid=_str(dataset.get("StudyInstanceUID")),
        accession_number=_str(dataset.get("AccessionNumber")),
        patient_id=_str(dataset.get("PatientID")),
        study_date=_str(dataset.get("StudyDate")),
        study_time=_str(dataset.get("StudyTime")),
        manufacturer=_str(dataset.get("Manufacturer")),
        model_name=_str(dataset.get("ManufacturerModelName")),
        station_name=_str(dataset.get("StationName")),
        device_serial_number=_str(dataset.get("DeviceSerialNumber")),
    )


def read_document(dataset: Dataset) -> SrDocument:
    """The header and content tree of a pydicom dataset."""
    try:
        return SrDocument(header=_header(dataset), root=_item(dataset))
    except RdsrError:
        raise
    except Exception as exc:  # noqa: BLE001 - pydicom decodes lazily: corrupt values fail here
        raise RdsrError(ErrorKind.TRUNCATED, f"the content tree could not be read ({exc})") from exc


def dataset_from_encoded(data: bytes, transfer_syntax: str) -> Dataset:
    """Parse an encoded dataset without preamble or meta (as received by a C-STORE SCP)."""
    from pydicom.filereader import read_dataset
    from pydicom.uid import UID

    uid = UID(transfer_syntax)
    try:
        dataset = read_dataset(BytesIO(data), uid.is_implicit_VR, uid.is_little_endian)
    except Exception as exc:  # noqa: BLE001 - corrupt bytes raise many kinds of error in pydicom
        raise RdsrError(ErrorKind.TRUNCATED, f"the dataset could not be read ({exc})") from exc
    return dataset
