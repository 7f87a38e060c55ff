"""Attribute matching of DICOM queries (PS3.4 C.2.2.2), as used by the Modality Worklist (K.6).

Pure functions over Python values: a query key as received (already decoded to text) against
one stored value. Kinds of matching:

- universal (C.2.2.2.3): an empty key, or a key of only `*`, matches every value;
- single value (C.2.2.2.1): equal values; for PN irsuite matches without regard to case or
  accents (allowed for PN only); leading and trailing spaces never count;
- wildcard (C.2.2.2.4): `*` any run of characters, `?` one character, for the text VRs only;
- UID list (C.2.2.2.2): the value is one of the backslash-separated UIDs;
- range (C.2.2.2.5): `D1-D2`, `D1-`, `-D2` for dates and times; a date and a time key of
  the same step are combined into one date-time range (C.2.2.2.5.1).

A key that cannot be read (a date of the wrong form) raises `MatchKeyError`; the adapter turns
it into a failure status with the error comment.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar


class Vr(StrEnum):
    """The value representations irsuite matches on (PS3.5 6.2)."""

    AE = "AE"
    CS = "CS"
    DA = "DA"
    DT = "DT"
    LO = "LO"
    LT = "LT"
    PN = "PN"
    SH = "SH"
    ST = "ST"
    TM = "TM"
    UC = "UC"
    UI = "UI"
    UR = "UR"
    UT = "UT"


# PS3.4 C.2.2.2.4: wildcard matching applies to these VRs only.
WILDCARD_VRS = frozenset({Vr.AE, Vr.CS, Vr.LO, Vr.LT, Vr.PN, Vr.SH, Vr.ST, Vr.UC, Vr.UR, Vr.UT})


V = TypeVar("V")


class MatchKeyError(ValueError):
    """A query key that is not of its VR's form; the message says which form is expected."""


def is_universal(key: str | None) -> bool:
    """Whether `key` matches every value (absent, empty, or only asterisks)."""
    return key is None or key.strip() == "" or set(key.strip()) == {"*"}


def fold(text: str) -> str:
    """Text without case and accents, for person-name matching ("Müller" == "MULLER")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _first_group(name: str) -> str:
    # PS3.5 6.2.1.1: a PN has up to three component groups (alphabetic=ideographic=phonetic);
    # irsuite keeps and matches the alphabetic one.
    return name.split("=", 1)[0]


def _wildcard_regex(key: str) -> re.Pattern[str]:
    parts = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in key)
    return re.compile("".join(parts), re.DOTALL)


Matcher = Callable[[V], bool]


def text_matcher(key: str | None, vr: Vr) -> Matcher[str | None] | None:
    """Single-value or wildcard matching of a text attribute (PS3.4 C.2.2.2.1, C.2.2.2.4),
    worked out once for a key: None when the key is universal."""
    if is_universal(key):
        return None
    assert key is not None
    wanted = key.strip()
    if vr is Vr.PN:
        wanted = fold(_first_group(wanted))
    if vr in WILDCARD_VRS and ("*" in wanted or "?" in wanted):
        pattern = _wildcard_regex(wanted)
        if vr is Vr.PN:
            return lambda value: (
                pattern.fullmatch(fold(_first_group((value or "").strip()))) is not None
            )
        return lambda value: pattern.fullmatch((value or "").strip()) is not None
    if vr is Vr.PN:
        return lambda value: fold(_first_group((value or "").strip())) == wanted
    return lambda value: (value or "").strip() == wanted


def matches_text(value: str | None, key: str | None, vr: Vr) -> bool:
    """Single-value or wildcard matching of a text attribute (PS3.4 C.2.2.2.1, C.2.2.2.4)."""
    matcher = text_matcher(key, vr)
    return matcher is None or matcher(value)


def uid_matcher(key: str | None) -> Matcher[str | None] | None:
    """UID list matching, worked out once for a key: None when the key is empty."""
    if key is None or key.strip() == "":
        return None
    uids = {uid.strip() for uid in key.split("\\")}
    return lambda value: (value or "").strip() in uids


def matches_uid(value: str | None, key: str | None) -> bool:
    """UID list matching: the value is one of the listed UIDs (PS3.4 C.2.2.2.2)."""
    matcher = uid_matcher(key)
    return matcher is None or matcher(value)


def parse_date(text: str) -> dt.date:
    """A DA value `YYYYMMDD` (PS3.5 6.2)."""
    if not re.fullmatch(r"\d{8}", text):
        raise MatchKeyError(f"A date key is YYYYMMDD (or a range of two), not {text!r}.")
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise MatchKeyError(f"{text!r} is not a calendar date.") from None


def parse_time(text: str, *, upper: bool = False) -> dt.time:
    """A TM value `HH[MM[SS[.F{1,6}]]]` (PS3.5 6.2); a partial upper bound covers its unit."""
    found = re.fullmatch(r"(\d{2})(\d{2})?(\d{2})?(?:\.(\d{1,6}))?", text)
    if found is None:
        raise MatchKeyError(f"A time key is HHMMSS (or a range of two), not {text!r}.")
    hh, mm, ss, frac = found.groups()
    top = 59 if upper else 0
    micro = int(frac.ljust(6, "0")) if frac else (999_999 if upper else 0)
    try:
        return dt.time(int(hh), int(mm) if mm else top, int(ss) if ss else top, micro)
    except ValueError:
        raise MatchKeyError(f"{text!r} is not a time of day.") from None


T = TypeVar("T", dt.date, dt.time, dt.datetime)


@dataclass(frozen=True)
class Range(Generic[T]):
    """An inclusive range with open ends (None)."""

    low: T | None
    high: T | None

    def contains(self, value: T) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


def _split(key: str) -> tuple[str, str, bool]:
    text = key.strip()
    if text.count("-") > 1:
        raise MatchKeyError(f"A range key has one hyphen at most, not {text!r}.")
    if "-" not in text:
        return text, text, False
    low, high = text.split("-")
    if not low and not high:
        raise MatchKeyError("A range key needs at least one end.")
    return low, high, True


def date_range(key: str) -> Range[dt.date]:
    """The dates a DA key matches: one day, `D1-D2`, `D1-` or `-D2` (PS3.4 C.2.2.2.5)."""
    low, high, _ = _split(key)
    return Range(parse_date(low) if low else None, parse_date(high) if high else None)


def time_range(key: str) -> Range[dt.time]:
    """The times a TM key matches; a single partial time covers its unit (`10` → 10:00–10:59)."""
    low, high, _ = _split(key)
    return Range(parse_time(low) if low else None, parse_time(high, upper=True) if high else None)


def datetime_range(date_key: str | None, time_key: str | None) -> Range[dt.datetime] | None:
    """A date key and a time key combined into one date-time range (PS3.4 C.2.2.2.5.1).

    None when both keys are universal. With only a time key the range is on the time of any
    day and is answered by `matches_time`, so this returns None for it as well.
    """
    if is_universal(date_key):
        return None
    assert date_key is not None
    days = date_range(date_key)
    times = time_range(time_key) if not is_universal(time_key) and time_key else None
    low = high = None
    if days.low is not None:
        low = dt.datetime.combine(days.low, times.low if times and times.low else dt.time.min)
    if days.high is not None:
        high = dt.datetime.combine(days.high, times.high if times and times.high else dt.time.max)
    return Range(low, high)


def date_matcher(key: str | None) -> Matcher[dt.date | None] | None:
    """Date matching worked out once for a key: None when the key is universal."""
    if is_universal(key):
        return None
    assert key is not None
    days = date_range(key)
    return lambda value: value is not None and days.contains(value)


def matches_date(value: dt.date | None, key: str | None) -> bool:
    """Date matching: universal, one day or a range; an unknown date matches only universal."""
    matcher = date_matcher(key)
    return matcher is None or matcher(value)


def matches_time(value: dt.time | None, key: str | None) -> bool:
    """Time matching: universal, one time (its unit) or a range."""
    if is_universal(key):
        return True
    assert key is not None
    return value is not None and time_range(key).contains(value)


def start_matcher(date_key: str | None, time_key: str | None) -> Matcher[dt.datetime | None] | None:
    """A step's start against the date and time keys (combined when both are given), worked
    out once for the keys: None when both are universal."""
    combined = datetime_range(date_key, time_key)
    if combined is not None:
        return lambda value: value is not None and combined.contains(value.replace(tzinfo=None))
    if is_universal(time_key):
        return None
    assert time_key is not None
    times = time_range(time_key)
    return lambda value: value is not None and times.contains(value.time().replace(tzinfo=None))


def matches_start(value: dt.datetime | None, date_key: str | None, time_key: str | None) -> bool:
    """A step's start against the date and time keys, combined when both are given."""
    matcher = start_matcher(date_key, time_key)
    return matcher is None or matcher(value)
