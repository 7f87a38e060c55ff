"""Building X-Ray Radiation Dose SR objects for tests: pydicom datasets, and raw bytes for
nestings too deep for pydicom to write."""

from __future__ import annotations

import copy
import struct
from collections.abc import Sequence as Seq
from io import BytesIO

from pydicom import dcmwrite
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

XRAY_RADIATION_DOSE_SR = "1.2.840.10008.5.1.4.1.1.88.67"
SYNTAXES = {"explicit": ExplicitVRLittleEndian, "implicit": ImplicitVRLittleEndian}

# (code value, meaning, UCUM unit) of TID 10003 / 10003B / 10004 numeric rows used here.
DAP = ("122130", "Dose Area Product", "Gy.m2")
DOSE_RP = ("113738", "Dose (RP)", "Gy")
KVP = ("113733", "KVP", "kV")
TUBE_CURRENT = ("113734", "X-Ray Tube Current", "mA")
PULSE_WIDTH = ("113793", "Pulse Width", "ms")
PULSE_RATE = ("113791", "Pulse Rate", "{pulse}/s")
IRRADIATION_DURATION = ("113742", "Irradiation Duration", "s")
PRIMARY_ANGLE = ("112011", "Positioner Primary Angle", "deg")
DAP_TOTAL = ("113722", "Dose Area Product Total", "Gy.m2")
DOSE_RP_TOTAL = ("113725", "Dose (RP) Total", "Gy")
FLUORO_DAP_TOTAL = ("113726", "Fluoro Dose Area Product Total", "Gy.m2")
FLUORO_DOSE_RP_TOTAL = ("113728", "Fluoro Dose (RP) Total", "Gy")
FLUORO_TIME_TOTAL = ("113730", "Total Fluoro Time", "s")
CTDIVOL = ("113830", "Mean CTDIvol", "mGy")
DLP = ("113838", "DLP", "mGy.cm")


def coded(value: str, meaning: str, scheme: str = "DCM") -> Dataset:
    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = value, scheme, meaning
    return code


def _item(value_type: str, concept: tuple[str, str], relationship: str = "CONTAINS") -> Dataset:
    item = Dataset()
    item.RelationshipType = relationship
    item.ValueType = value_type
    item.ConceptNameCodeSequence = Sequence([coded(*concept)])
    return item


def container(concept: tuple[str, str], children: Seq[Dataset]) -> Dataset:
    item = _item("CONTAINER", concept)
    item.ContinuityOfContent = "SEPARATE"
    item.ContentSequence = Sequence(list(children))
    return item


def num(concept: tuple[str, str, str], values: Seq[str], unit: str | None = None) -> Dataset:
    """A NUM item; several values go into one multi-valued Numeric Value."""
    code, meaning, default_unit = concept
    item = _item("NUM", (code, meaning))
    measured = Dataset()
    measured.NumericValue = list(values) if len(values) > 1 else values[0]
    units = default_unit if unit is None else unit
    measured.MeasurementUnitsCodeSequence = Sequence([coded(units, units, "UCUM")])
    item.MeasuredValueSequence = Sequence([measured])
    return item


def code_item(concept: tuple[str, str], value: Dataset) -> Dataset:
    item = _item("CODE", concept)
    item.ConceptCodeSequence = Sequence([copy.deepcopy(value)])
    return item


def text_item(concept: tuple[str, str], text: str) -> Dataset:
    item = _item("TEXT", concept)
    item.TextValue = text
    return item


def uid_item(concept: tuple[str, str], uid: str) -> Dataset:
    item = _item("UIDREF", concept)
    item.UID = uid
    return item


def datetime_item(concept: tuple[str, str], value: str) -> Dataset:
    item = _item("DATETIME", concept)
    item.DateTime = value
    return item


FLUOROSCOPY = coded("44491008", "Fluoroscopy", "SCT")


def single_plane() -> Dataset:
    return code_item(("113764", "Acquisition Plane"), coded("113622", "Single Plane"))


def event(uid: str, *rows: Dataset) -> Dataset:
    """A TID 10003 Irradiation Event X-Ray Data container: plane, UID, type, then `rows`."""
    return container(
        ("113706", "Irradiation Event X-Ray Data"),
        [
            single_plane(),
            uid_item(("113769", "Irradiation Event UID"), uid),
            code_item(("113721", "Irradiation Event Type"), FLUOROSCOPY),
            *rows,
        ],
    )


def accumulated(*rows: Dataset) -> Dataset:
    """A TID 10002 Accumulated X-Ray Dose container for a single plane."""
    return container(("113702", "Accumulated X-Ray Dose Data"), [single_plane(), *rows])


def projection_report(
    *children: Dataset, study_uid: str = "2.25.1", sop_uid: str = "2.25.2"
) -> Dataset:
    """A TID 10001 projection X-ray dose report with `children` under the root."""
    dataset = Dataset()
    dataset.SOPClassUID = XRAY_RADIATION_DOSE_SR
    dataset.SOPInstanceUID = sop_uid
    dataset.StudyInstanceUID = study_uid
    dataset.Modality = "SR"
    dataset.ValueType = "CONTAINER"
    dataset.ConceptNameCodeSequence = Sequence([coded("113701", "X-Ray Radiation Dose Report")])
    dataset.ContinuityOfContent = "SEPARATE"
    procedure = code_item(("121058", "Procedure reported"), coded("113704", "Projection X-Ray"))
    dataset.ContentSequence = Sequence([procedure, *children])
    return dataset


def chain(depth: int, leaf: Dataset | None = None) -> Dataset:
    """`depth` containers, each the only child of the one before (the leaf, if any, below)."""
    inner = [] if leaf is None else [leaf]
    for _ in range(depth):
        inner = [container(("121070", "Findings"), inner)]
    return inner[0]


def encode(dataset: Dataset, syntax: str = "explicit") -> bytes:
    """The dataset as a Part 10 file in implicit or explicit VR little endian."""
    dataset.file_meta = FileMetaDataset()
    dataset.file_meta.TransferSyntaxUID = SYNTAXES[syntax]
    dataset.file_meta.MediaStorageSOPClassUID = dataset.SOPClassUID
    dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
    buffer = BytesIO()
    dcmwrite(buffer, dataset, enforce_file_format=True)
    return buffer.getvalue()


# Raw bytes: pydicom writes (and reads) a nesting recursively, so thousands of levels are built
# here by hand: the opening of every level, then the closing of every level.
_UNDEFINED = 0xFFFFFFFF


def _element(tag: int, vr: bytes, value: bytes, implicit: bool) -> bytes:
    if len(value) % 2:
        value += b"\x00" if vr == b"UI" else b" "
    if implicit:
        return struct.pack("<HHI", tag >> 16, tag & 0xFFFF, len(value)) + value
    return struct.pack("<HH2sH", tag >> 16, tag & 0xFFFF, vr, len(value)) + value


def _open_sequence(tag: int, implicit: bool) -> bytes:
    if implicit:
        return struct.pack("<HHI", tag >> 16, tag & 0xFFFF, _UNDEFINED)
    return struct.pack("<HH2sHI", tag >> 16, tag & 0xFFFF, b"SQ", 0, _UNDEFINED)


_ITEM = struct.pack("<HHI", 0xFFFE, 0xE000, _UNDEFINED)
_ITEM_END = struct.pack("<HHI", 0xFFFE, 0xE00D, 0)
_SEQUENCE_END = struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)


def _concept(value: bytes, meaning: bytes, implicit: bool) -> bytes:
    fields = (
        _element(0x00080100, b"SH", value, implicit)
        + _element(0x00080102, b"SH", b"DCM", implicit)
        + _element(0x00080104, b"LO", meaning, implicit)
    )
    return _open_sequence(0x0040A043, implicit) + _ITEM + fields + _ITEM_END + _SEQUENCE_END


def _meta(syntax: str) -> bytes:
    uid = SYNTAXES[syntax].encode()
    body = _element(0x00020010, b"UI", uid, implicit=False)
    length = _element(0x00020000, b"UL", struct.pack("<I", len(body)), implicit=False)
    return b"\x00" * 128 + b"DICM" + length + body


def deep_report_bytes(depth: int, syntax: str = "explicit") -> bytes:
    """A dose report whose root holds a chain of `depth` nested containers (undefined lengths)."""
    implicit = syntax == "implicit"
    header = (
        _element(0x00080016, b"UI", XRAY_RADIATION_DOSE_SR.encode(), implicit)
        + _element(0x00080018, b"UI", b"2.25.3", implicit)
        + _element(0x0020000D, b"UI", b"2.25.4", implicit)
        + _element(0x0040A040, b"CS", b"CONTAINER", implicit)
        + _concept(b"113701", b"X-Ray Radiation Dose Report", implicit)
    )
    level = (
        _ITEM
        + _element(0x0040A010, b"CS", b"CONTAINS", implicit)
        + _element(0x0040A040, b"CS", b"CONTAINER", implicit)
        + _concept(b"121070", b"Findings", implicit)
        + _open_sequence(0x0040A730, implicit)
    )
    content = level * depth + (_SEQUENCE_END + _ITEM_END) * depth
    return _meta(syntax) + header + _open_sequence(0x0040A730, implicit) + content + _SEQUENCE_END
