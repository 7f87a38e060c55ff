"""Bounds on everything that enters: ids and counts within the database's integers, dates
within what a field can plausibly hold, text within its column and free of control characters,
booleans and numbers that are what they say.

One set, used by the API's schemas (the `Annotated` types and the `Input` base schema), the
forms (the `validate_*` functions), the query-string filters of pages (`query_int`,
`query_date`) and the management commands. A value out of bounds is refused with a message
that says which bound and what to do; it never reaches the database to fail there.

Plausible dates are reference data (`reference/data/input_bounds.toml`); the other limits
are the machine's or the API's, named here with the reason for each.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from typing import Annotated, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, Field, Strict, StrictBool, StrictInt, field_validator

from irsuite.reference.loader import read_toml

DB_INT_MAX = 2**63 - 1  # ids are BigAutoField: PostgreSQL bigint, SQLite INTEGER (64-bit signed)
PAGE_MAX = 500  # rows of one API list page
# No list has a billion rows; the bound also keeps OFFSET + LIMIT inside 64 bits.
OFFSET_MAX = 10**9
# Filters look back to the earliest plausible birth and ahead this many years (rosters and
# bookings are planned a year or two ahead); Python's dates end at year 9999 and a filter that
# adds a day to 9999-12-31 would overflow.
QUERY_YEARS_AHEAD = 10
# A search box or a code in a query string; a longer one is a mistake or an attack.
QUERY_TEXT_MAX = 200
# Whitespace a multi-line text may hold; every other control character is refused.
TEXT_WHITESPACE = frozenset("\t\n\r")
BOUNDS_FILE = "input_bounds.toml"
ECHO_MAX = 40  # how much of an ignored filter value a page repeats back


# --- text -------------------------------------------------------------------------------------


def control_characters(text: str, allowed: Iterable[str] = TEXT_WHITESPACE) -> list[str]:
    """The control characters (C0, C1, DEL) and lone surrogates in `text`, as U+XXXX, except
    those `allowed`."""
    keep = set(allowed)
    found = {
        f"U+{ord(c):04X}" for c in text if c not in keep and unicodedata.category(c) in {"Cc", "Cs"}
    }
    return sorted(found)


# Letters and symbols that print as nothing (Hangul fillers, the blank Braille pattern).
BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_invisible(text: str) -> bool:
    """Whether `text` shows nothing: only spaces, line breaks, format characters (zero-width
    joiners, direction marks, soft hyphens), blank glyphs and other controls."""
    return all(
        unicodedata.category(c)[0] in {"Z", "C"} or c.isspace() or c in BLANK_GLYPHS for c in text
    )


def _no_controls(text: str, allowed: Iterable[str] = TEXT_WHITESPACE) -> str:
    found = control_characters(text, allowed)
    if found:
        raise ValueError(
            f"contains control characters ({', '.join(found)}); remove them and send plain text"
        )
    return text


def _line(text: str) -> str:
    return _no_controls(text, allowed=())


def _name(text: str) -> str:
    _no_controls(text, allowed=())
    if is_invisible(text):
        raise ValueError("shows no letters (only spaces or invisible characters); write the name")
    return text.strip()


Text = Annotated[str, AfterValidator(_no_controls)]
"""Free text: tabs and line breaks allowed, other control characters refused."""
Line = Annotated[str, AfterValidator(_line)]
"""One line (a code, an MRN, a reason): no control characters at all."""
Name = Annotated[str, AfterValidator(_name)]
"""A person's name: one line that shows something; surrounding spaces are dropped."""
QueryText = Annotated[str, Field(max_length=QUERY_TEXT_MAX), AfterValidator(_line)]
"""A search term or code in a query string."""


def text_problem(
    label: str, text: str, limit: int, *, name: bool = False, lines: bool = False
) -> str | None:
    """What is wrong with a text a service is about to store (too long for its column,
    control characters, a name that shows nothing), as a sentence starting with `label`;
    None when it is fine."""
    if len(text) > limit:
        return f"{label} is {len(text)} characters long; at most {limit} fit. Shorten it."
    found = control_characters(text, TEXT_WHITESPACE if lines else ())
    if found:
        return f"{label} contains control characters ({', '.join(found)}); remove them."
    if name and is_invisible(text):
        return f"{label} shows no letters (only spaces or invisible characters); write it out."
    return None


def max_length(model: type[Model], field: str) -> int:
    """The column's length, so a schema refuses what the column could not hold."""
    length = getattr(model._meta.get_field(field), "max_length", None)
    if not isinstance(length, int):
        raise TypeError(f"{model.__name__}.{field} has no max_length")
    return length


class Input(Schema):
    """Base of every API input schema: no string anywhere in it (nested lists included) holds
    a NUL, another control character but tab and line breaks, or a lone surrogate (which
    PostgreSQL cannot store and no text needs)."""

    @field_validator("*", mode="after")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        _walk(value)
        return value


def _walk(value: Any) -> None:
    if isinstance(value, str):
        _no_controls(value)
    elif isinstance(value, list | tuple | set):
        for item in value:
            _walk(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(key)
            _walk(item)


# --- numbers ----------------------------------------------------------------------------------

DbId = Annotated[int, Field(ge=1, le=DB_INT_MAX)]
"""An id in a path or query string (text read as a number; within the database's integers)."""
BodyId = Annotated[StrictInt, Field(ge=1, le=DB_INT_MAX)]
"""An id in a JSON body: a JSON number and nothing else (`true` and "1" are refused)."""
BodyInt = Annotated[StrictInt, Field(ge=-DB_INT_MAX, le=DB_INT_MAX)]
"""A whole number in a JSON body (a version, a count) within the database's integers."""
Flag = StrictBool
"""A boolean in a JSON body: `true` or `false`, never 1 or "yes"."""
Measure = Annotated[float, Strict(), Field(allow_inf_nan=False)]
"""A measured number in a JSON body: a JSON number (whole or not), never NaN, infinity, a
boolean or a string; its plausible range is the rule's that reads it."""
Limit = Annotated[int, Field(ge=1, le=PAGE_MAX)]
"""Rows of one list page."""
Offset = Annotated[int, Field(ge=0, le=OFFSET_MAX)]
"""The first row of a list page."""


def bounded_int(text: str | None, low: int = 1, high: int = DB_INT_MAX) -> int | None:
    """A whole number from a query string or a command argument, or None when it is empty, not a
    number or outside low..high (an id of 2**63 names no row; it filters nothing)."""
    if text is None:
        return None
    try:
        value = int(str(text).strip())
    except ValueError:
        return None
    return value if low <= value <= high else None


# --- dates ------------------------------------------------------------------------------------


@cache
def _date_bounds() -> dict[str, Any]:
    return read_toml(BOUNDS_FILE)


def earliest_birth() -> dt.date:
    """The earliest plausible birth date (reference data)."""
    value = _date_bounds()["birth_date"]["earliest"]
    if not isinstance(value, dt.date):
        raise TypeError(f"{BOUNDS_FILE} [birth_date] earliest must be a date")
    return value


def event_horizon_days() -> int:
    """How many days ahead of today an event date may lie (reference data)."""
    return int(_date_bounds()["event_date"]["horizon_days"])


def today() -> dt.date:
    return timezone.localdate()


def _fmt(day: dt.date) -> str:
    return day.isoformat()


def birth_date_problem(day: dt.date) -> str | None:
    """Why a birth date is implausible (a sentence), or None."""
    if day < earliest_birth():
        return f"The date of birth is before {_fmt(earliest_birth())}; check the year."
    if day > today():
        return "The date of birth is in the future; check it."
    return None


def event_date_problem(day: dt.date, birth: dt.date | None = None) -> str | None:
    """Why the date of a clinical event is implausible (before the patient's birth, before the
    earliest plausible birth, more than the horizon ahead of today), or None."""
    latest = today() + dt.timedelta(days=event_horizon_days())
    earliest = birth or earliest_birth()
    if day < earliest:
        before = "the patient's birth" if birth else _fmt(earliest)
        return f"is before {before}; check the date"
    if day > latest:
        return f"is after {_fmt(latest)}, more than a year ahead; check the year"
    return None


def query_date_problem(day: dt.date) -> str | None:
    """Why a date in a filter is outside anything on record, or None."""
    latest = dt.date(today().year + QUERY_YEARS_AHEAD, 12, 31)
    if not earliest_birth() <= day <= latest:
        return f"must be between {_fmt(earliest_birth())} and {_fmt(latest)}"
    return None


def _checked(problem: Callable[[dt.date], str | None]) -> Callable[[dt.date], dt.date]:
    def check(day: dt.date) -> dt.date:
        found = problem(day)
        if found:
            raise ValueError(f"the date {found}")
        return day

    return check


def _instant(problem: Callable[[dt.date], str | None]) -> Callable[[dt.datetime], dt.datetime]:
    def check(moment: dt.datetime) -> dt.datetime:
        found = problem(moment.date())
        if found:
            raise ValueError(f"the date {found}")
        return moment

    return check


def _birth(day: dt.date) -> dt.date:
    found = birth_date_problem(day)
    if found:
        raise ValueError(found)
    return day


BirthDate = Annotated[dt.date, AfterValidator(_birth)]
"""A birth date: from the earliest plausible one to today."""
EventDate = Annotated[dt.date, AfterValidator(_checked(event_date_problem))]
"""The date of a clinical event: not before the earliest plausible birth, at most the horizon
ahead (services also check it against the patient's own birth date)."""
EventTime = Annotated[dt.datetime, AfterValidator(_instant(event_date_problem))]
"""The moment of a clinical event, with the same bounds as EventDate."""
QueryDate = Annotated[dt.date, AfterValidator(_checked(query_date_problem))]
"""A date in a filter."""
QueryTime = Annotated[dt.datetime, AfterValidator(_instant(query_date_problem))]
"""A moment in a filter."""


def query_date(text: str | None) -> dt.date | None:
    """A date from a page's query string, or None when it is empty, malformed or out of range."""
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return None
    return None if query_date_problem(day) else day


def query_int(request: HttpRequest, name: str, low: int = 1, high: int = DB_INT_MAX) -> int | None:
    """A page's whole-number filter from its query string; a value that is not a number or is
    out of range is ignored, and the page says so."""
    raw = request.GET.get(name) or ""
    value = bounded_int(raw, low, high)
    if raw.strip() and value is None:
        _ignored(request, name, raw)
    return value


def query_day(request: HttpRequest, name: str) -> dt.date | None:
    """A page's date filter from its query string; a malformed or implausible date is ignored,
    and the page says so."""
    raw = request.GET.get(name) or ""
    value = query_date(raw)
    if raw.strip() and value is None:
        _ignored(request, name, raw)
    return value


def _ignored(request: HttpRequest, name: str, raw: str) -> None:
    shown = raw if len(raw) <= ECHO_MAX else raw[:ECHO_MAX] + "…"
    messages.warning(request, f"The {name} filter {shown!r} is not valid here, so it was ignored.")


# --- forms ------------------------------------------------------------------------------------


def validate_birth_date(day: dt.date) -> None:
    """Form validator: a plausible birth date."""
    problem = birth_date_problem(day)
    if problem:
        raise ValidationError(problem)


def validate_event_date(day: dt.date | dt.datetime) -> None:
    """Form validator: a plausible date of a clinical event."""
    problem = event_date_problem(day.date() if isinstance(day, dt.datetime) else day)
    if problem:
        raise ValidationError(f"The date {problem}.")


def validate_name(text: str) -> None:
    """Form validator: a name that shows something and holds no control character."""
    try:
        _name(text)
    except ValueError as exc:
        raise ValidationError(f"The name {exc}.") from None


def validate_plain_text(text: str) -> None:
    """Form validator: no control characters but tabs and line breaks."""
    try:
        _no_controls(text)
    except ValueError as exc:
        raise ValidationError(f"The text {exc}.") from None


# --- the door ---------------------------------------------------------------------------------


class RefuseControlCharacters:
    """Middleware: a path or query string holding a control character (NUL, ESC, ...) is
    refused with 400 before any view reads it; no page or filter needs one, and PostgreSQL
    cannot store a NUL."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        texts = [key + "".join(values) for key, values in request.GET.lists()]
        if control_characters(request.path_info, allowed=()) or any(
            control_characters(text) for text in texts
        ):
            message = (
                "The address holds control characters (such as NUL); remove them and try again."
            )
            if request.path_info.startswith("/api/"):
                return JsonResponse({"error": message, "detail": None}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
