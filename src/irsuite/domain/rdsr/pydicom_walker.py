"""Reference walker: the SR content tree read through pydicom's object model.

Slower than `lean_walker` but obviously right; tests compare the two on every sample.

pydicom decodes values lazily, when they are first read, so corrupt bytes can fail at any
access. Every call into pydicom goes through `_by_pydicom`, which turns whatever pydicom raises
into an RdsrError (`errors.refusal`): anything raised inside pydicom is its reaction to the
file, while an error in this module's own code still propagates as the bug it is. Content items
nest at most `MAX_CONTENT_DEPTH` levels (checked here, recursion bounded); pydicom's own parser
recurses a few frames per sequence level, and a file deep enough to exhaust it (about 150
levels) is refused as too_deep from the RecursionError.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any, ParamSpec, TypeVar

from pydicom import dcmread
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.multival import MultiValue
from pydicom.sequence import Sequence
from pydicom.uid import UID

from irsuite.domain.rdsr.codes import ValueType
from irsuite.domain.rdsr.errors import ErrorKind, RdsrError, refusal, too_deep
from irsuite.domain.rdsr.tree import MAX_CONTENT_DEPTH, Code, ContentItem, Header, SrDocument

P = ParamSpec("P")
T = TypeVar("T")

_TEXT_ATTRIBUTES = {
    ValueType.TEXT: "TextValue",
    ValueType.UIDREF: "UID",
    ValueType.DATETIME: "DateTime",
    ValueType.DATE: "Date",
    ValueType.TIME: "Time",
    ValueType.PNAME: "PersonName",
}


def _by_pydicom(call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`call(...)`, a pydicom function: whatever it raises is its reaction to the file."""
    try:
        return call(*args, **kwargs)
    except InvalidDicomError as exc:
        raise RdsrError(ErrorKind.NOT_DICOM, "the file is not a DICOM object") from exc
    except Exception as exc:  # noqa: BLE001 - only pydicom runs here, decoding the file
        raise refusal(exc) from exc


def dataset_from_bytes(data: bytes) -> Dataset:
    """Parse a DICOM file (Part 10, or a bare dataset) with pydicom, with typed errors."""
    if len(data) < 132 or data[128:132] != b"DICM":
        raise RdsrError(ErrorKind.NOT_DICOM, "the file is not a DICOM object (no DICM marker)")
    return _by_pydicom(dcmread, BytesIO(data))


def dataset_from_encoded(data: bytes, transfer_syntax: str) -> Dataset:
    """Parse an encoded dataset without preamble or meta (as received by a C-STORE SCP)."""
    from pydicom.filereader import read_dataset

    uid = UID(transfer_syntax)
    if not uid.is_transfer_syntax:
        raise RdsrError(
            ErrorKind.UNSUPPORTED_TRANSFER_SYNTAX,
            f"'{transfer_syntax[:64]}' is not a transfer syntax UID",
        )
    return _by_pydicom(read_dataset, BytesIO(data), uid.is_implicit_VR, uid.is_little_endian)


def _str(value: Any) -> str:
    """A value as text; several values joined by a backslash, as the file encodes them."""
    if value is None:
        return ""
    if isinstance(value, MultiValue | list | tuple):
        return "\\".join(_str(part) for part in value)
    return _by_pydicom(str, value).strip()  # a PersonName is decoded when first made text


def _get(dataset: Dataset, keyword: str) -> Any:
    """The value of a data element (None when absent), decoded by pydicom."""
    return _by_pydicom(dataset.get, keyword)


def _text(dataset: Dataset, keyword: str) -> str:
    return _str(_get(dataset, keyword))


def _items(dataset: Dataset, keyword: str) -> list[Dataset]:
    """The items of a sequence; none when the element is absent or is not a sequence."""
    value = _get(dataset, keyword)
    return list(value) if isinstance(value, Sequence) else []


def _code(dataset: Dataset, keyword: str) -> Code | None:
    items = _items(dataset, keyword)
    if not items:
        return None
    item = items[0]
    value = _text(item, "CodeValue") or _text(item, "LongCodeValue") or _text(item, "URNCodeValue")
    return Code(value, _text(item, "CodingSchemeDesignator"), _text(item, "CodeMeaning"))


def _numeric_text(measured: Dataset) -> str | None:
    """Numeric Value as the text the file holds, several values joined by a backslash.

    Read from the undecoded element when there is one (a file read from bytes), so that the
    text is exactly the lean walker's, malformed numbers included.
    """
    element = _by_pydicom(measured.get_item, "NumericValue")
    if element is None:
        return None
    if isinstance(element, RawDataElement):
        raw = element.value or b""
        text = raw.rstrip(b"\x00 ").decode("ascii", "replace").strip()
    else:
        text = _str(element.value)
    return text or None


def _fill_num(item: ContentItem, dataset: Dataset) -> None:
    measured = _items(dataset, "MeasuredValueSequence")
    if not measured:
        return
    item.number = _numeric_text(measured[0])
    unit = _code(measured[0], "MeasurementUnitsCodeSequence")
    if unit is not None:
        item.unit, item.unit_scheme = unit.value, unit.scheme


def _item(dataset: Dataset, depth: int = 0) -> ContentItem:
    if depth > MAX_CONTENT_DEPTH:
        raise too_deep(MAX_CONTENT_DEPTH)
    value_type = ValueType.parse(_text(dataset, "ValueType"))
    item = ContentItem(
        value_type=value_type,
        relationship=_text(dataset, "RelationshipType"),
        concept=_code(dataset, "ConceptNameCodeSequence"),
    )
    if value_type is ValueType.NUM:
        _fill_num(item, dataset)
    elif value_type is ValueType.CODE:
        item.code = _code(dataset, "ConceptCodeSequence")
    elif value_type in _TEXT_ATTRIBUTES:
        item.text = _text(dataset, _TEXT_ATTRIBUTES[value_type])
    item.children = [_item(child, depth + 1) for child in _items(dataset, "ContentSequence")]
    return item


def _header(dataset: Dataset) -> Header:
    return Header(
        sop_class_uid=_text(dataset, "SOPClassUID"),
        sop_instance_uid=_text(dataset, "SOPInstanceUID"),
        study_instance_uid=_text(dataset, "StudyInstanceUID"),
        accession_number=_text(dataset, "AccessionNumber"),
        patient_id=_text(dataset, "PatientID"),
        study_date=_text(dataset, "StudyDate"),
        study_time=_text(dataset, "StudyTime"),
        manufacturer=_text(dataset, "Manufacturer"),
        model_name=_text(dataset, "ManufacturerModelName"),
        station_name=_text(dataset, "StationName"),
        device_serial_number=_text(dataset, "DeviceSerialNumber"),
    )


def read_document(dataset: Dataset) -> SrDocument:
    """The header and content tree of a pydicom dataset."""
    return SrDocument(header=_header(dataset), root=_item(dataset))
