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

import datetime as dt
import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
Part = Callable[[Row], bytes]


def _text(vr: str) -> Callable[[Any], str]:
    """A stored value as the text `attributes.dicom_value` gives pydicom for `vr`."""

    def text(value: Any) -> str:
        if type(value) is str:  # most values: written as stored
            return value
        if value is None:
            return ""
        if isinstance(value, dt.time):
            return f"{value.hour:02d}{value.minute:02d}{value.second:02d}"
        if vr == "DA" and isinstance(value, dt.date):  # YYYYMMDD, four-digit year (PS3.5)
            return f"{value.year:04d}{value.month:02d}{value.day:02d}"
        return str(dicom_value(vr, value))

    return text


def _pad(vr: str) -> bytes:
    """What makes an odd value even (PS3.5 6.2): NUL after a UID, a space after text."""
    return b"\0" if vr == "UI" else b" "


@dataclass(frozen=True)
class Writer:
    """Element writers for one transfer syntax (explicit or implicit VR) and character set:
    each element's tag, VR and length format are worked out once, each row costs its value."""

    explicit: bool
    codec: str

    def _head(self, tag: int, vr: str) -> tuple[bytes, Callable[[int], bytes]]:
        group, number = tag >> 16, tag & 0xFFFF
        if not self.explicit:
            return struct.pack("<HH", group, number), struct.Struct("<L").pack
        if vr in LONG_VRS:
            return struct.pack("<HH2sH", group, number, vr.encode(), 0), struct.Struct("<L").pack
        return struct.pack("<HH2s", group, number, vr.encode()), struct.Struct("<H").pack

    def element(self, tag: int, vr: str, raw: bytes) -> bytes:
        """An element holding `raw` (already of even length)."""
        prefix, length = self._head(tag, vr)
        return prefix + length(len(raw)) + raw

    def fixed(self, tag: int, vr: str, text: str) -> bytes:
        """An element of the default repertoire whose value is the same in every answer."""
        raw = text.encode("ascii")
        return self.element(tag, vr, raw + _pad(vr) * (len(raw) % 2))

    def value(self, tag: int, vr: str, column: str) -> Part:
        """The element of `tag` filled from the row's `column`."""
        prefix, length = self._head(tag, vr)
        if vr == "US":

            def number(row: Row) -> bytes:
                value = row[column]
                raw = b"" if value is None or value == "" else struct.pack("<H", value)
                return prefix + length(len(raw)) + raw

            return number
        text, pad = _text(vr), _pad(vr)
        encoding = self.codec if vr in CHARSET_VRS else "ascii"

        def string(row: Row) -> bytes:
            raw = text(row[column]).encode(encoding, "replace")
            if len(raw) % 2:
                raw += pad
            return prefix + length(len(raw)) + raw

        return string

    def sequence(self, tag: int, inner: tuple[Part, ...]) -> Part:
        """A sequence of one item holding the `inner` elements (defined lengths)."""
        prefix, length = self._head(tag, "SQ")

        def write(row: Row) -> bytes:
            item = b"".join([part(row) for part in inner])
            body = ITEM + struct.pack("<L", len(item)) + item
            return prefix + length(len(body)) + body

        return write


def _slot_part(w: Writer, slot: Slot) -> tuple[int, Part]:
    tag, vr, attr = slot
    return int(tag), w.value(int(tag), vr, attr.column)


def _code_part(w: Writer, code: Code) -> tuple[int, Part]:
    tag, asked = code
    keys = [k for k in CODE if asked is None or len(asked) == 0 or k in asked]
    return int(tag), w.sequence(
        int(tag), tuple(w.value(CODE_TAGS[k], CODE_VRS[k], CODE[k]) for k in keys)
    )


def _ordered(parts: list[tuple[int, Part]]) -> tuple[Part, ...]:
    return tuple(part for _, part in sorted(parts, key=lambda p: p[0]))


def _compiled(plan: Plan, w: Writer) -> tuple[Part, ...]:
    parts = [_slot_part(w, s) for s in plan.top] + [_code_part(w, c) for c in plan.codes]
    if plan.sps is not None:
        inner = [_slot_part(w, s) for s in plan.sps] + [_code_part(w, c) for c in plan.sps_codes]
        parts.append((int(SPS_TAG), w.sequence(int(SPS_TAG), _ordered(inner))))
    return _ordered(parts)


@dataclass(frozen=True)
class Layout:
    """A plan's elements in the order they are written (ascending tags, at each level), their
    writers made once per transfer syntax and character set."""

    plan: Plan
    _writers: dict[tuple[str, bool], tuple[bytes, tuple[Part, ...]]] = field(
        default_factory=dict, compare=False
    )

    def answer(self, row: Row, charset: str, explicit: bool) -> bytes:
        """The data set of one answer: its Specific Character Set, then the plan's elements."""
        key = (charset, explicit)
        if key not in self._writers:
            w = Writer(explicit, CODECS[charset])
            self._writers[key] = (
                w.fixed(SPECIFIC_CHARACTER_SET, "CS", charset),
                _compiled(self.plan, w),
            )
        head, parts = self._writers[key]
        return head + b"".join([part(row) for part in parts])


def layout_of(plan: Plan) -> Layout:
    """The layout of a query's plan: worked out once per query."""
    return Layout(plan)


def supports(transfer_syntax: str, charset: str) -> bool:
    """Whether answers in this transfer syntax and character set are written here."""
    return transfer_syntax in (IMPLICIT_LITTLE, EXPLICIT_LITTLE) and charset in CODECS


def is_explicit(transfer_syntax: str) -> bool:
    return transfer_syntax == EXPLICIT_LITTLE
