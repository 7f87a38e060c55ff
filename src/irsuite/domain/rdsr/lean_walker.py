"""Lean walker: the SR header and content tree read straight from the bytes.

A minimal reader of DICOM Part 10 files in implicit or explicit VR little endian (the transfer
syntaxes modalities use for SR). It keeps only the data elements the dose templates need and
skips everything else without decoding it, which makes it several times faster than building
pydicom's object model. Anything it does not handle raises `LeanUnsupported`, and the caller
falls back to the pydicom walker.

Both the byte reader and the tree builder recurse, each to a fixed depth: sequences nested more
than `MAX_SEQUENCE_DEPTH` deep, or content items more than `MAX_CONTENT_DEPTH`, are refused as
too_deep, so no file can exhaust the stack; the only cost is a depth counter per sequence.
"""

from __future__ import annotations

from struct import unpack_from

from pydicom.charset import convert_encodings, decode_bytes

from irsuite.domain.rdsr.codes import ValueType
from irsuite.domain.rdsr.errors import ErrorKind, RdsrError, too_deep
from irsuite.domain.rdsr.tree import MAX_CONTENT_DEPTH, Code, ContentItem, Header, SrDocument

IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2"
EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1"
_UNDEFINED = 0xFFFFFFFF
_ITEM = 0xFFFEE000
_ITEM_END = 0xFFFEE00D
_SEQUENCE_END = 0xFFFEE0DD
_LONG_VRS = frozenset({b"OB", b"OW", b"OF", b"OD", b"OL", b"OV", b"SQ", b"UT", b"UN", b"UC", b"UR"})
_LONG_VRS |= frozenset({b"SV", b"UV"})
_PN_DELIMITERS = {0x5E, 0x3D}
_TEXT_DELIMITERS = {0x0D, 0x0A, 0x09, 0x0C}
# Sequences nest one level per content level (Content Sequence), plus the code, measured-value
# and unit sequences under an item and the reference sequences of the header (Current Requested
# Procedure Evidence > Series > SOP > purpose): eight levels of room above the content limit.
MAX_SEQUENCE_DEPTH = MAX_CONTENT_DEPTH + 8

# Data elements kept (tag -> name); sequences among them are read item by item.
SPECIFIC_CHARACTER_SET = 0x00080005
SOP_CLASS_UID = 0x00080016
SOP_INSTANCE_UID = 0x00080018
STUDY_DATE = 0x00080020
STUDY_TIME = 0x00080030
ACCESSION_NUMBER = 0x00080050
MANUFACTURER = 0x00080070
STATION_NAME = 0x00081010
MODEL_NAME = 0x00081090
PATIENT_ID = 0x00100020
DEVICE_SERIAL_NUMBER = 0x00181000
STUDY_INSTANCE_UID = 0x0020000D
CODE_VALUE = 0x00080100
CODING_SCHEME = 0x00080102
CODE_MEANING = 0x00080104
LONG_CODE_VALUE = 0x00080119
URN_CODE_VALUE = 0x00080120
UNITS_CODE_SEQUENCE = 0x004008EA
RELATIONSHIP_TYPE = 0x0040A010
VALUE_TYPE = 0x0040A040
CONCEPT_NAME_SEQUENCE = 0x0040A043
DATETIME = 0x0040A120
DATE = 0x0040A121
TIME = 0x0040A122
PERSON_NAME = 0x0040A123
UID = 0x0040A124
TEXT_VALUE = 0x0040A160
CONCEPT_CODE_SEQUENCE = 0x0040A168
MEASURED_VALUE_SEQUENCE = 0x0040A300
NUMERIC_VALUE = 0x0040A30A
CONTENT_SEQUENCE = 0x0040A730

_SEQUENCES = frozenset(
    {
        UNITS_CODE_SEQUENCE,
        CONCEPT_NAME_SEQUENCE,
        CONCEPT_CODE_SEQUENCE,
        MEASURED_VALUE_SEQUENCE,
        CONTENT_SEQUENCE,
    }
)
_KEPT = _SEQUENCES | {
    SPECIFIC_CHARACTER_SET, SOP_CLASS_UID, SOP_INSTANCE_UID, STUDY_DATE, STUDY_TIME,
    ACCESSION_NUMBER, MANUFACTURER, STATION_NAME, MODEL_NAME, PATIENT_ID,
    DEVICE_SERIAL_NUMBER, STUDY_INSTANCE_UID, CODE_VALUE, CODING_SCHEME, CODE_MEANING,
    LONG_CODE_VALUE, URN_CODE_VALUE, RELATIONSHIP_TYPE, VALUE_TYPE, DATETIME, DATE, TIME,
    PERSON_NAME, UID, TEXT_VALUE, NUMERIC_VALUE,
}  # fmt: skip

Element = dict[int, "bytes | list[Element]"]


class LeanUnsupported(Exception):
    """The encoding is outside what the lean walker reads; use the pydicom walker."""


def _truncated(where: str) -> RdsrError:
    return RdsrError(ErrorKind.TRUNCATED, f"the file ends in the middle of {where}")


class _Reader:
    """Reads elements of one transfer syntax from a byte string."""

    __slots__ = ("data", "explicit", "size")

    def __init__(self, data: bytes, explicit: bool) -> None:
        self.data = data
        self.explicit = explicit
        self.size = len(data)

    def _element_header(self, pos: int) -> tuple[int, bytes | None, int, int]:
        if pos + 8 > self.size:
            raise _truncated("a data element")
        group, element = unpack_from("<HH", self.data, pos)
        tag = (group << 16) | element
        if tag in (_ITEM, _ITEM_END, _SEQUENCE_END):
            return tag, None, unpack_from("<I", self.data, pos + 4)[0], pos + 8
        if not self.explicit:
            return tag, None, unpack_from("<I", self.data, pos + 4)[0], pos + 8
        vr = self.data[pos + 4 : pos + 6]
        if vr in _LONG_VRS:
            if pos + 12 > self.size:
                raise _truncated("a data element")
            return tag, vr, unpack_from("<I", self.data, pos + 8)[0], pos + 12
        return tag, vr, unpack_from("<H", self.data, pos + 6)[0], pos + 8

    def dataset(self, pos: int, end: int, keep: bool, depth: int = 0) -> tuple[Element, int]:
        """Elements from pos up to end (or an item delimiter when end is -1).

        `depth` is how many sequences enclose this dataset (0 for the top level).
        """
        out: Element = {}
        while end < 0 or pos < end:
            tag, vr, length, pos = self._element_header(pos)
            if tag == _ITEM_END:
                return out, pos
            is_sequence = vr == b"SQ" or (
                vr is None and (tag in _SEQUENCES or length == _UNDEFINED)
            )
            if vr == b"UN" and (length == _UNDEFINED or tag in _SEQUENCES):
                raise LeanUnsupported("a sequence encoded with VR UN")
            if is_sequence:
                wanted = keep and tag in _SEQUENCES
                items, pos = self.sequence(pos, length, wanted, depth + 1)
                if wanted:
                    out[tag] = items
                continue
            if length == _UNDEFINED:
                raise LeanUnsupported("undefined length outside a sequence")
            if pos + length > self.size:
                raise _truncated("a value")
            if keep and tag in _KEPT:
                out[tag] = self.data[pos : pos + length]
            pos += length
        return out, pos

    def sequence(self, pos: int, length: int, keep: bool, depth: int) -> tuple[list[Element], int]:
        """The items of a sequence starting at pos; `depth` is the items' nesting level."""
        if not keep and length != _UNDEFINED:
            if pos + length > self.size:
                raise _truncated("a sequence")
            return [], pos + length
        if depth > MAX_SEQUENCE_DEPTH:
            raise too_deep(MAX_SEQUENCE_DEPTH, "sequences")
        end = -1 if length == _UNDEFINED else pos + length
        items: list[Element] = []
        while end < 0 or pos < end:
            tag, _vr, item_length, pos = self._element_header(pos)
            if tag == _SEQUENCE_END:
                break
            if tag != _ITEM:
                raise RdsrError(ErrorKind.MALFORMED, "a sequence holds something other than items")
            if item_length == _UNDEFINED:
                item, pos = self.dataset(pos, -1, keep, depth)
            else:
                item, _ = self.dataset(pos, pos + item_length, keep, depth)
                pos += item_length
            if keep:
                items.append(item)
        return items, pos


class _Decoder:
    """Turns kept bytes into strings with the dataset's character set."""

    __slots__ = ("encodings",)

    def __init__(self, charset: bytes | None) -> None:
        terms = [] if charset is None else charset.decode("ascii", "replace").split("\\")
        self.encodings = convert_encodings([t.strip() for t in terms] or ["ISO_IR 6"])

    def text(self, raw: bytes | None, delimiters: set[int] | None = None) -> str:
        if not raw:
            return ""
        raw = raw.rstrip(b"\x00 ")
        if raw.isascii():
            return raw.decode("ascii").strip()
        delims = _TEXT_DELIMITERS if delimiters is None else delimiters
        return decode_bytes(raw, self.encodings, delims).strip()


def _bytes(element: Element, tag: int) -> bytes | None:
    value = element.get(tag)
    return value if isinstance(value, bytes) else None


def _items(element: Element, tag: int) -> list[Element]:
    value = element.get(tag)
    return value if isinstance(value, list) else []


def _code(element: Element, tag: int, decoder: _Decoder) -> Code | None:
    items = _items(element, tag)
    if not items:
        return None
    item = items[0]
    value = (
        _bytes(item, CODE_VALUE) or _bytes(item, LONG_CODE_VALUE) or _bytes(item, URN_CODE_VALUE)
    )
    return Code(
        decoder.text(value),
        decoder.text(_bytes(item, CODING_SCHEME)),
        decoder.text(_bytes(item, CODE_MEANING)),
    )


_TEXT_TAGS = {
    ValueType.TEXT: TEXT_VALUE,
    ValueType.UIDREF: UID,
    ValueType.DATETIME: DATETIME,
    ValueType.DATE: DATE,
    ValueType.TIME: TIME,
    ValueType.PNAME: PERSON_NAME,
}


def _content_item(element: Element, decoder: _Decoder, depth: int = 0) -> ContentItem:
    if depth > MAX_CONTENT_DEPTH:
        raise too_deep(MAX_CONTENT_DEPTH)
    value_type = ValueType.parse(decoder.text(_bytes(element, VALUE_TYPE)))
    item = ContentItem(
        value_type=value_type,
        relationship=decoder.text(_bytes(element, RELATIONSHIP_TYPE)),
        concept=_code(element, CONCEPT_NAME_SEQUENCE, decoder),
    )
    if value_type is ValueType.NUM:
        measured = _items(element, MEASURED_VALUE_SEQUENCE)
        if measured:
            number = decoder.text(_bytes(measured[0], NUMERIC_VALUE))
            item.number = number or None
            unit = _code(measured[0], UNITS_CODE_SEQUENCE, decoder)
            if unit is not None:
                item.unit, item.unit_scheme = unit.value, unit.scheme
    elif value_type is ValueType.CODE:
        item.code = _code(element, CONCEPT_CODE_SEQUENCE, decoder)
    elif value_type in _TEXT_TAGS:
        delimiters = _PN_DELIMITERS if value_type is ValueType.PNAME else None
        item.text = decoder.text(_bytes(element, _TEXT_TAGS[value_type]), delimiters)
    children = _items(element, CONTENT_SEQUENCE)
    item.children = [_content_item(child, decoder, depth + 1) for child in children]
    return item


def _header(element: Element, decoder: _Decoder) -> Header:
    text = decoder.text
    return Header(
        sop_class_uid=text(_bytes(element, SOP_CLASS_UID)),
        sop_instance_uid=text(_bytes(element, SOP_INSTANCE_UID)),
        study_instance_uid=text(_bytes(element, STUDY_INSTANCE_UID)),
        accession_number=text(_bytes(element, ACCESSION_NUMBER)),
        patient_id=text(_bytes(element, PATIENT_ID)),
        study_date=text(_bytes(element, STUDY_DATE)),
        study_time=text(_bytes(element, STUDY_TIME)),
        manufacturer=text(_bytes(element, MANUFACTURER)),
        model_name=text(_bytes(element, MODEL_NAME)),
        station_name=text(_bytes(element, STATION_NAME)),
        device_serial_number=text(_bytes(element, DEVICE_SERIAL_NUMBER)),
    )


def _meta(data: bytes) -> tuple[str, int]:
    """Transfer syntax UID and dataset offset of a Part 10 file."""
    if len(data) < 132 or data[128:132] != b"DICM":
        raise RdsrError(ErrorKind.NOT_DICOM, "the file is not a DICOM object (no DICM marker)")
    reader = _Reader(data, explicit=True)
    pos, syntax = 132, ""
    while pos + 4 <= len(data) and unpack_from("<H", data, pos)[0] == 0x0002:
        tag, _vr, length, value_pos = reader._element_header(pos)
        if value_pos + length > len(data):
            raise _truncated("the file meta information")
        if tag == 0x00020010:
            syntax = (
                data[value_pos : value_pos + length].rstrip(b"\x00 ").decode("ascii", "replace")
            )
        pos = value_pos + length
    return syntax, pos


def read_dataset_bytes(data: bytes, transfer_syntax: str, offset: int = 0) -> SrDocument:
    """Header and content tree of an encoded dataset (no preamble) in a little endian syntax."""
    if transfer_syntax not in (IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN):
        raise LeanUnsupported(f"transfer syntax {transfer_syntax}")
    reader = _Reader(data, explicit=transfer_syntax == EXPLICIT_VR_LITTLE_ENDIAN)
    top, _ = reader.dataset(offset, len(data), keep=True)
    decoder = _Decoder(_bytes(top, SPECIFIC_CHARACTER_SET))
    return SrDocument(header=_header(top, decoder), root=_content_item(top, decoder))


def read_file_bytes(data: bytes) -> SrDocument:
    """Header and content tree of a DICOM Part 10 file."""
    syntax, offset = _meta(data)
    return read_dataset_bytes(data, syntax, offset)
