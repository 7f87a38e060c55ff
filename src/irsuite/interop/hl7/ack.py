"""Acknowledgments (HL7 v2.5.1 2.9.2, original mode): MSA and, for AE/AR, an ERR segment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from irsuite.interop.hl7.codec import Encoding, Message, escape
from irsuite.interop.hl7.codes import AckCode, ErrorCode

# irsuite's own MSH-3 and MSH-4 when it answers or sends.
OUR_APPLICATION = "IRSUITE"
OUR_FACILITY = "IR"


@dataclass(frozen=True)
class Problem:
    """Why a message gets AE or AR: a table 0357 code, where (ERL), and a text for people."""

    ack: AckCode
    code: ErrorCode
    text: str
    segment: str = ""
    field: int = 0
    component: int = 0

    @property
    def location(self) -> str:
        if not self.segment:
            return ""
        where = f"{self.segment}-{self.field}" if self.field else self.segment
        return f"{where}.{self.component}" if self.component else where


class ApplyError(Exception):
    """Raised by a handler for content it cannot apply (answered AE, kept in the inbox)."""

    def __init__(self, code: ErrorCode, text: str, segment: str = "", field: int = 0) -> None:
        super().__init__(text)
        self.problem = Problem(AckCode.ERROR, code, text, segment, field)


def _version_at_least_25(version: str) -> bool:
    parts = [int(p) for p in version.split(".")[:2] if p.isdigit()]
    return parts >= [2, 5] or not parts


def err_segment(problem: Problem, version: str, enc: Encoding) -> str:
    """ERR for the message's version: ERR-1 (ELD) before 2.5, ERR-2/3/4/8 from 2.5 on."""
    c, s = enc.component, enc.subcomponent
    text = escape(problem.text, enc)
    code = f"{problem.code.value}{c}{escape(problem.code.text, enc)}{c}HL70357"
    f = enc.field
    if not _version_at_least_25(version):
        code_sub = code.replace(c, s)
        seg, fld = problem.segment, str(problem.field or "")
        return f"ERR{f}{seg}{c}1{c}{fld}{c}{code_sub}"
    location = ""
    if problem.segment:
        location = f"{problem.segment}{c}1{c}{problem.field or ''}"
    severity = "E"  # HL7 v2.5.1 table 0516: error
    return f"ERR{f}{f}{location}{f}{code}{f}{severity}{f}{f}{f}{f}{text}"


def build_ack(
    code: AckCode,
    *,
    control_id: str,
    ack_control_id: str,
    message: Message | None,
    problem: Problem | None = None,
    now: dt.datetime | None = None,
) -> str:
    """The ACK text for a message (segments joined by CR).

    Without a parsed message (no usable MSH) the ACK uses the default separators and names
    no peer; the sender still gets an answer.
    """
    enc = message.enc if message else Encoding()
    msh = message.first("MSH") if message else None
    raw = message.raw if message else (lambda _seg, _n: "")
    version = (message.get(msh, 12) if message else "") or "2.5.1"
    trigger = message.get(msh, 9, 2) if message else ""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d%H%M%S")
    f, c = enc.field, enc.component
    fields = [
        "MSH",
        enc.msh2,
        raw(msh, 5) or OUR_APPLICATION,
        raw(msh, 6) or OUR_FACILITY,
        raw(msh, 3),
        raw(msh, 4),
        stamp,
        "",
        f"ACK{c}{trigger}{c}ACK" if trigger else "ACK",
        ack_control_id,
        raw(msh, 11) or "P",
        raw(msh, 12) or "2.5.1",
    ]
    if message and raw(msh, 18):
        fields += ["", "", "", "", "", raw(msh, 18)]
    segments = [f.join(fields)]
    msa = [f"MSA{f}{code.value}{f}{escape(control_id, enc)}"]
    if problem is not None:
        msa.append(escape(problem.text[:80], enc))
    segments.append(f.join(msa))
    if problem is not None:
        segments.append(err_segment(problem, version, enc))
    return "\r".join(segments)


def ack_code_of(text: str) -> tuple[str, str]:
    """MSA-1 and MSA-3 (or ERR text) of an ACK a peer sent back."""
    from irsuite.interop.hl7.codec import parse

    message = parse(text)
    msa = message.first("MSA")
    err = message.first("ERR")
    detail = message.get(msa, 3) or message.get(err, 8) or message.get(err, 3, 2)
    return message.get(msa, 1), detail
