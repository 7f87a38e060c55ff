"""Shapes of clinical codes (ICD-10-CM, CPT); the codes' meanings live in reference data."""

from __future__ import annotations

import re

ICD10CM_PATTERN = re.compile(r"^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$")


def normalise_icd10(code: str) -> str:
    """Upper-case and trim a code, inserting the dot after the third character if absent."""
    cleaned = code.strip().upper()
    if len(cleaned) > 3 and "." not in cleaned:
        cleaned = f"{cleaned[:3]}.{cleaned[3:]}"
    return cleaned


def is_icd10cm(code: str) -> bool:
    """True when `code` has the shape of an ICD-10-CM code (e.g. K83.1, M80.08XA)."""
    return bool(ICD10CM_PATTERN.match(code))


def invalid_icd10_codes(codes: list[str]) -> list[str]:
    """The codes in `codes` (as written) that do not have an ICD-10-CM shape."""
    return [code.strip() for code in codes if not is_icd10cm(normalise_icd10(code))]
