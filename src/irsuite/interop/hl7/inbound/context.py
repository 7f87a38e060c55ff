"""What a handler of one inbound message is given, and field readers shared by handlers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from irsuite.interop.hl7.ack import ApplyError
from irsuite.interop.hl7.codec import Message, Segment
from irsuite.interop.hl7.codes import ErrorCode
from irsuite.interop.hl7.models import Peer

CHANNEL = "hl7"


@dataclass
class Inbound:
    """One message being applied: the parsed message, its peer, and what the handler noted."""

    message: Message
    peer: Peer
    trigger: str
    notes: list[str] = field(default_factory=list)
    accession: str = ""

    def get(self, seg: Segment | None, n: int, comp: int = 1, sub: int = 1, rep: int = 1) -> str:
        return self.message.get(seg, n, comp, sub, rep)

    def need(self, name: str) -> Segment:
        """The first segment `name`, or AE 100 naming it."""
        seg = self.message.first(name)
        if seg is None:
            raise ApplyError(
                ErrorCode.SEGMENT_SEQUENCE, f"The message has no {name} segment.", name
            )
        return seg

    def required(self, seg: Segment, n: int, what: str, comp: int = 1) -> str:
        value = self.get(seg, n, comp)
        if not value:
            raise ApplyError(
                ErrorCode.REQUIRED_FIELD_MISSING,
                f"{seg.name}-{n} ({what}) is empty; the sender must fill it.",
                seg.name,
                n,
            )
        return value


def hl7_date(value: str, seg: str, n: int) -> dt.date | None:
    """A DT/TS value's date (YYYYMMDD...), None when empty; AE 102 when not a date."""
    if not value:
        return None
    try:
        return dt.datetime.strptime(value[:8], "%Y%m%d").date()
    except ValueError:
        raise ApplyError(
            ErrorCode.DATA_TYPE,
            f"{seg}-{n} is not a date (expected YYYYMMDD); correct it at the sender.",
            seg,
            n,
        ) from None


def hl7_datetime(value: str, seg: str, n: int) -> dt.datetime | None:
    """A TS/DTM value (YYYYMMDD[HHMM[SS]][+ZZZZ]) as an aware datetime; AE 102 if malformed."""
    if not value:
        return None
    digits, offset = value, ""
    for sign in ("+", "-"):
        if sign in value[8:]:
            cut = value.index(sign, 8)
            digits, offset = value[:cut], value[cut:]
    digits = digits.split(".")[0]
    formats = {8: "%Y%m%d", 10: "%Y%m%d%H", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}
    try:
        moment = dt.datetime.strptime(digits, formats[len(digits)])
        if offset:
            return dt.datetime.strptime(digits + offset, formats[len(digits)] + "%z")
    except (KeyError, ValueError):
        raise ApplyError(
            ErrorCode.DATA_TYPE,
            f"{seg}-{n} is not a date and time (expected YYYYMMDDHHMM); correct it at the sender.",
            seg,
            n,
        ) from None
    return timezone.make_aware(moment)
