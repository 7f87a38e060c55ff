"""Worklist answers written as bytes (PS3.5 7.1, Little Endian) straight from the rows.

A room's day can hold hundreds of answers; pydicom's general writer spends about a third of a
millisecond on each (an element object per value, a check per element). An answer holds a few
text elements, one US and up to three sequences, so the plan of a query (`attributes.Plan`)
is turned once into a layout, in tag order, and each row is written by it with `struct` and
`str.encode`. The bytes are those pydicom writes for `attributes.answer_with` (the tests
compare them): defined lengths for sequences and items, odd text padded with a space (a UID
with NUL), text in the answer's character set.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from irsuite.interop.dicom.worklist.attributes import (
    CODE,
    SPS_TAG,
    Code,
    Plan,
    Slot,
    dicom_value,
)

IMPLICIT_LITTLE = "1.2.840.10008.1.2"
EXPLICIT_LITTLE = "1.2.840.10008.1.2.1"
SPECIFIC_CHARACTER_SET = 0x00080005
ITEM = struct.pack("<HH", 0xFFFE, 0xE000)
# VRs whose explicit length takes 4 bytes after 2 reserved ones (PS3.5 Table 7.1-1).
LONG_VRS = frozenset({"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"})
# VRs whose text follows the Specific Character Set; the rest are the default repertoire.
CHARSET_VRS = frozenset({"SH", "LO", "ST", "PN", "LT", "UC", "UT"})
CODECS = {"ISO_IR 100": "latin_1", "ISO_IR 192": "utf_8"}
CODE_VRS = {"CodeValue": "SH", "CodingSchemeDesignator": "SH", "CodeMeaning": "LO"}
CODE_TAGS = {
    "CodeValue": 0x00080100,
    "CodingSchemeDesignator": 0x00080102,
    "CodeMeaning": 0x00080104,
}

Row = Mapping[str, Any]
Part = Callable[["Writer", Row], bytes]


@dataclass(frozen=True)
class Writer:
    """Elements in one transfer syntax (explicit or implicit VR) and one character set."""

    explicit: bool
    codec: str

    def element(self, tag: int, vr: str, value: bytes) -> bytes:
        group, number = tag >> 16, tag & 0xFFFF
        if not self.explicit:
            return struct.pack("<HHL", group, number, len(value)) + value
        if vr in LONG_VRS:
            return struct.pack("<HH2sHL", group, number, vr.encode(), 0, len(value)) + value
        return struct.pack("<HH2sH", group, number, vr.encode(), len(value)) + value

    def value(self, tag: int, vr: str, value: Any) -> bytes:
        """One element from a stored value, as `attributes.dicom_value` gives it to pydicom."""
        value = dicom_value(vr, value)
        if vr == "US":
            return self.element(tag, vr, b"" if value is None else struct.pack("<H", value))
        raw = str(value).encode(self.codec if vr in CHARSET_VRS else "ascii", "replace")
        if len(raw) % 2:
            raw += b"\0" if vr == "UI" else b" "
        return self.element(tag, vr, raw)

    def sequence(self, tag: int, item: bytes) -> bytes:
        return self.element(tag, "SQ", ITEM + struct.pack("<L", len(item)) + item)


def _slot_part(slot: Slot) -> tuple[int, Part]:
    tag, vr, attr = slot
    column = attr.column
    return int(tag), lambda w, row: w.value(int(tag), vr, row[column])


def _code_part(code: Code) -> tuple[int, Part]:
    tag, asked = code
    keys = [k for k in CODE if asked is None or len(asked) == 0 or k in asked]
    fields = [(CODE_TAGS[k], CODE_VRS[k], CODE[k]) for k in keys]

    def write(w: Writer, row: Row) -> bytes:
        return w.sequence(int(tag), b"".join(w.value(t, vr, row[c]) for t, vr, c in fields))

    return int(tag), write


def _ordered(parts: list[tuple[int, Part]]) -> tuple[Part, ...]:
    return tuple(part for _, part in sorted(parts, key=lambda p: p[0]))


@dataclass(frozen=True)
class Layout:
    """A plan's elements in the order they are written (ascending tags, at each level)."""

    top: tuple[Part, ...]

    def answer(self, row: Row, charset: str, explicit: bool) -> bytes:
        """The data set of one answer: its Specific Character Set, then the plan's elements."""
        w = Writer(explicit, CODECS[charset])
        head = w.value(SPECIFIC_CHARACTER_SET, "CS", charset)
        return head + b"".join(part(w, row) for part in self.top)


def layout_of(plan: Plan) -> Layout:
    """The layout of a query's plan: worked out once per query."""
    parts = [_slot_part(s) for s in plan.top] + [_code_part(c) for c in plan.codes]
    if plan.sps is not None:
        inner = _ordered(
            [_slot_part(s) for s in plan.sps] + [_code_part(c) for c in plan.sps_codes]
        )

        def sps(w: Writer, row: Row) -> bytes:
            return w.sequence(int(SPS_TAG), b"".join(part(w, row) for part in inner))

        parts.append((int(SPS_TAG), sps))
    return Layout(_ordered(parts))


def supports(transfer_syntax: str, charset: str) -> bool:
    """Whether answers in this transfer syntax and character set are written here."""
    return transfer_syntax in (IMPLICIT_LITTLE, EXPLICIT_LITTLE) and charset in CODECS


def is_explicit(transfer_syntax: str) -> bool:
    return transfer_syntax == EXPLICIT_LITTLE
