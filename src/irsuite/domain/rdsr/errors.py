"""The typed error of the RDSR reader: what was wrong, in words a person can act on."""

from __future__ import annotations

from enum import StrEnum
from struct import error as StructError


class ErrorKind(StrEnum):
    """Why a file could not be read as a dose report (the quarantine's `kind`)."""

    NOT_DICOM = "not_dicom"
    TRUNCATED = "truncated"
    MALFORMED = "malformed"
    TOO_DEEP = "too_deep"
    UNSUPPORTED_TRANSFER_SYNTAX = "unsupported_transfer_syntax"
    NOT_A_DOSE_REPORT = "not_a_dose_report"
    MISSING_IDENTIFIER = "missing_identifier"
    REPEATED_IDENTIFIER = "repeated_identifier"
    MISSING_UNIT = "missing_unit"
    UNKNOWN_UNIT = "unknown_unit"
    BAD_NUMBER = "bad_number"
    MULTIPLE_VALUES = "multiple_values"
    NEGATIVE_VALUE = "negative_value"
    IMPLAUSIBLE_VALUE = "implausible_value"


class RdsrError(ValueError):
    """A report that cannot be imported; `reason` says why (never patient identifiers)."""

    def __init__(self, kind: ErrorKind, reason: str) -> None:
        super().__init__(f"{kind.value}: {reason}")
        self.kind = kind
        self.reason = reason

    def __reduce__(self) -> tuple[type[RdsrError], tuple[ErrorKind, str]]:
        # Errors travel back from worker processes; keep both arguments when pickled.
        return (RdsrError, (self.kind, self.reason))


def too_deep(depth: int, what: str = "content items") -> RdsrError:
    """The error for a file nested deeper than a walker reads."""
    return RdsrError(
        ErrorKind.TOO_DEEP,
        f"{what} are nested more than {depth} levels deep; the dose report templates nest "
        "fewer than ten, so the file is malformed and is kept for review",
    )


# What corrupt bytes make Python or pydicom raise while a file is decoded, and what it means.
# Checked in order: UnicodeError is a ValueError and must come first.
_INPUT_ERRORS: tuple[tuple[type[Exception], ErrorKind, str], ...] = (
    (RecursionError, ErrorKind.TOO_DEEP, "its sequences are nested too deep to decode"),
    (StructError, ErrorKind.TRUNCATED, "it ends in the middle of a data element"),
    (EOFError, ErrorKind.TRUNCATED, "it ends in the middle of a data element"),
    (IndexError, ErrorKind.TRUNCATED, "it ends in the middle of a data element"),
    (UnicodeError, ErrorKind.MALFORMED, "a text value is not in its declared character set"),
    (LookupError, ErrorKind.MALFORMED, "it declares an unknown character set or element"),
    (ValueError, ErrorKind.MALFORMED, "a value does not match its value representation"),
    (OverflowError, ErrorKind.MALFORMED, "a length or value is out of range"),
)

# Exceptions the reader turns into RdsrError when its own code raises them on corrupt input.
# Others (AttributeError, TypeError, NameError...) are programming errors and propagate.
INPUT_ERRORS: tuple[type[Exception], ...] = tuple(raised for raised, _, _ in _INPUT_ERRORS)


def refusal(exc: BaseException) -> RdsrError:
    """The RdsrError for an exception raised while decoding a file.

    The reason names the exception type but never its text, which may quote a value of the
    file (a patient's name read as a number, say).
    """
    if isinstance(exc, RdsrError):
        return exc
    for exception_type, kind, why in _INPUT_ERRORS:
        if isinstance(exc, exception_type):
            return RdsrError(kind, f"the file could not be decoded: {why} ({type(exc).__name__})")
    return RdsrError(
        ErrorKind.MALFORMED,
        f"the file could not be decoded: the DICOM parser failed ({type(exc).__name__})",
    )
