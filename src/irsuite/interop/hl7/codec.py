"""Bytes to an HL7 v2 message and back: character set by MSH-18, separators, escapes.

No database here. A message is split once into segments and fields; values are unescaped only
when read. Field numbers follow the standard: MSH-1 is the field separator itself, so in every
segment `field(seg, n)` is HL7's field n.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from irsuite.interop.hl7.codes import CODECS, Charset

FRAME_START, FRAME_END = b"\x0b", b"\x1c\r"
MSH_18 = 17  # MSH-18 is the 17th item when the header is split on its separator
MSH_2 = 2  # MSH-1 and MSH-2 hold the separators themselves: never split
HEADER_START = "MSH|^~\\&"  # the shortest usable start of a message


class MessageError(ValueError):
    """The bytes are not an HL7 v2 message that can be answered with more than AR."""


@dataclass(frozen=True)
class Decoded:
    text: str
    codec: str
    note: str = ""


def _msh18(data: bytes) -> str:
    """MSH-18 read from the raw bytes (the header is ASCII whatever the body's charset)."""
    first = re.split(rb"\r\n|\r|\n", data.lstrip(b"\x0b\r\n "), maxsplit=1)[0]
    if not first.startswith(b"MSH") or len(first) < len(b"MSH|^"):
        return ""
    parts = first.split(first[3:4])
    if len(parts) <= MSH_18:
        return ""
    return parts[MSH_18].split(first[4:5])[0].decode("ascii", "replace").strip()


def utf8_under_latin1(data: bytes) -> bool:
    """Vendor quirk: MSH-18 says 8859/1 but the names are UTF-8 (tests/fixtures/hl7 has one).

    Latin-1 text with accents is almost never valid UTF-8, so bytes that decode as UTF-8 and
    hold multi-byte sequences were written as UTF-8 whatever the header says.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not text.isascii()


def decode(data: bytes) -> Decoded:
    """Decode by MSH-18 (ASCII, 8859/1, 8859/15, UNICODE UTF-8); never fails: latin-1 last.

    An empty MSH-18 means ASCII; UTF-8 (its superset) is tried, as many senders mean it.
    """
    declared = _msh18(data)
    if declared in (Charset.LATIN_1, Charset.LATIN_9) and utf8_under_latin1(data):
        return Decoded(data.decode("utf-8"), "utf-8", f"MSH-18 says {declared}; read as UTF-8")
    codec = CODECS.get(declared) or "utf-8"
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        said = declared or "ASCII"
        return Decoded(data.decode("latin-1"), "latin-1", f"not valid {said}; read as latin-1")


def split_segments(text: str) -> list[str]:
    """Segments separated by CR (the standard), or CRLF or LF (common in files and tools).

    A message that uses CR keeps any LF inside a field as text.
    """
    text = text.strip("\x0b\x1c\r\n ")
    parts = text.replace("\r\n", "\r").split("\r") if "\r" in text else text.split("\n")
    return [p for p in (s.strip("\n") for s in parts) if p]


@dataclass(frozen=True)
class Encoding:
    """MSH-1 and MSH-2: the separators and the escape character."""

    field: str = "|"
    component: str = "^"
    repetition: str = "~"
    escape: str = "\\"
    subcomponent: str = "&"

    @property
    def msh2(self) -> str:
        return self.component + self.repetition + self.escape + self.subcomponent


@dataclass
class Segment:
    name: str
    fields: list[str]  # fields[n] is HL7 field n (fields[0] is the segment name)


@dataclass
class Message:
    """A parsed message: segments in order, raw field strings, read through `get`."""

    enc: Encoding
    segments: list[Segment]
    codec: str = "utf-8"
    hex_codec: str = field(default="utf-8")

    def all(self, name: str) -> list[Segment]:
        return [s for s in self.segments if s.name == name]

    def first(self, name: str) -> Segment | None:
        return next((s for s in self.segments if s.name == name), None)

    def raw(self, seg: Segment | None, n: int) -> str:
        if seg is None or n >= len(seg.fields):
            return ""
        return seg.fields[n]

    def repetitions(self, seg: Segment | None, n: int) -> list[str]:
        value = self.raw(seg, n)
        if seg is not None and seg.name == "MSH" and n <= MSH_2:
            return [value]
        return value.split(self.enc.repetition) if value else []

    def get(self, seg: Segment | None, n: int, comp: int = 1, sub: int = 1, rep: int = 1) -> str:
        """Field n, component, subcomponent of repetition `rep` (all 1-based), unescaped."""
        reps = self.repetitions(seg, n)
        if len(reps) < rep:
            return ""
        return self.component(reps[rep - 1], comp, sub)

    def component(self, value: str, comp: int = 1, sub: int = 1) -> str:
        comps = value.split(self.enc.component)
        if len(comps) < comp:
            return ""
        subs = comps[comp - 1].split(self.enc.subcomponent)
        if len(subs) < sub:
            return ""
        return unescape(subs[sub - 1], self.enc, self.hex_codec).strip()

    def components(self, value: str) -> list[str]:
        return [unescape(c, self.enc, self.hex_codec) for c in value.split(self.enc.component)]


def parse(text: str, codec: str = "utf-8") -> Message:
    """Split a decoded message; MessageError when it does not start with a usable MSH."""
    segments = split_segments(text)
    if not segments or not segments[0].startswith("MSH") or len(segments[0]) < len(HEADER_START):
        raise MessageError("The message does not begin with an MSH segment.")
    head = segments[0]
    sep = head[3]
    chars = head[4:].split(sep, 1)[0][:4]
    if sep.isalnum() or len(chars) < len("^~\\") or len(set(chars + sep)) < len(chars) + 1:
        raise MessageError("MSH-1 and MSH-2 do not define usable separators.")
    enc = Encoding(sep, chars[0], chars[1], chars[2], chars[3:4] or "&")
    parsed = []
    for text_segment in segments:
        parts = text_segment.split(sep)
        name = parts[0][:3]
        if name == "MSH":
            parts = ["MSH", sep, *parts[1:]]
        parsed.append(Segment(name, parts))
    return Message(enc, parsed, codec, codec)


_ESCAPE = re.compile(r"\\([^\\]*)\\")


def unescape(value: str, enc: Encoding, hex_codec: str = "utf-8") -> str:
    """HL7 v2.5.1 2.7.4-2.7.6 escape sequences: \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ \\Xhh..\\ \\.br\\."""
    if enc.escape not in value:
        return value
    if enc.escape != "\\":
        value = value.replace(enc.escape, "\\")
    table = {
        "F": enc.field,
        "S": enc.component,
        "T": enc.subcomponent,
        "R": enc.repetition,
        "E": enc.escape,
        ".br": "\n",
        "H": "",
        "N": "",
    }

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code in table:
            return table[code]
        if code.startswith("X") and re.fullmatch(r"(?:[0-9A-Fa-f]{2})+", code[1:]):
            return bytes.fromhex(code[1:]).decode(hex_codec, "replace")
        if code.startswith(".sp"):
            return "\n"
        return ""  # formatting and character-set switches irsuite does not render

    return _ESCAPE.sub(one, value)


def escape(value: str, enc: Encoding = Encoding()) -> str:
    """Escape text for a field: separators, the escape character itself and line breaks."""
    e = enc.escape
    out = value.replace(e, f"{e}E{e}")
    for char, code in (
        (enc.field, "F"),
        (enc.component, "S"),
        (enc.subcomponent, "T"),
        (enc.repetition, "R"),
    ):
        out = out.replace(char, f"{e}{code}{e}")
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", f"{e}.br{e}")


def frame(text: str, codec: str = "utf-8") -> bytes:
    """One MLLP frame around a message (segments joined by CR)."""
    return FRAME_START + text.encode(codec, "replace") + FRAME_END


def split_file(text: str) -> list[str]:
    """The messages of a file: each starts at an MSH segment (MLLP frame bytes are dropped)."""
    text = text.replace("\x0b", "").replace("\x1c", "")
    lines = re.split(r"\r\n|\r|\n", text)
    messages: list[list[str]] = []
    for line in lines:
        if line.startswith("MSH"):
            messages.append([line])
        elif line.strip() and messages:
            messages[-1].append(line)
    return ["\r".join(m) for m in messages]
