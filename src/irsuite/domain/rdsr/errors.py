"""The typed error of the RDSR reader: what was wrong, in words a person can act on."""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    """Why a file could not be read as a dose report."""

    NOT_DICOM = "not_dicom"
    TRUNCATED = "truncated"
    UNSUPPORTED_TRANSFER_SYNTAX = "unsupported_transfer_syntax"
    NOT_A_DOSE_REPORT = "not_a_dose_report"
    MISSING_IDENTIFIER = "missing_identifier"
    REPEATED_IDENTIFIER = "repeated_identifier"
    MISSING_UNIT = "missing_unit"
    UNKNOWN_UNIT = "unknown_unit"
    BAD_NUMBER = "bad_number"
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
