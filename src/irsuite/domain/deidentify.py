"""De-identification for research (HIPAA Privacy Rule, 45 CFR 164.514(b)(2): "Safe Harbor").

Safe Harbor removes eighteen kinds of identifier of the individual, their relatives, household
members and employers. Here every field of a row leaving for a researcher is declared with a
`Rule`; a field with no rule is dropped (deny by default), so a column added to a table later
never leaks by accident.

- Research ids are keyed hashes (HMAC-SHA256 with a secret that never leaves the site), stable
  for one patient across every export and unlinkable without the key: never the primary key.
- Dates keep their intervals: each patient's dates move by the same number of days (between one
  and `max_shift_days`, either way), chosen by the keyed hash, and lose their time of day.
- Ages over 89 are reported as the group "90+", and so are birth years that would reveal them.
- Staff names become stable pseudonyms (keyed hashes too), so "operator S-4F2A" can be followed
  across cases without being named.
- Free text, device serials, lots and UDIs, accession numbers and every other code are dropped.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class SafeHarborIdentifier(StrEnum):
    """The eighteen identifier kinds of 45 CFR 164.514(b)(2)(i)(A)-(R)."""

    NAMES = "names"
    GEOGRAPHIC = "geographic subdivisions smaller than a state"
    DATES = "elements of dates (except year) and ages over 89"
    TELEPHONE = "telephone numbers"
    FAX = "fax numbers"
    EMAIL = "electronic mail addresses"
    SSN = "social security numbers"
    MRN = "medical record numbers"
    HEALTH_PLAN = "health plan beneficiary numbers"
    ACCOUNT = "account numbers"
    LICENSE = "certificate or license numbers"
    VEHICLE = "vehicle identifiers and serial numbers"
    DEVICE = "device identifiers and serial numbers"
    URL = "web universal resource locators"
    IP = "internet protocol addresses"
    BIOMETRIC = "biometric identifiers"
    PHOTO = "full-face photographs and comparable images"
    OTHER = "any other unique identifying number, characteristic or code"


class Rule(StrEnum):
    """What happens to one field of a row on its way to a researcher."""

    KEEP = "keep"  # not an identifier (a code from a closed list, a number, a yes/no)
    RESEARCH_ID = "research_id"  # the patient: replaced by the keyed research id
    STAFF = "staff"  # a member of staff: replaced by a stable pseudonym
    DATE = "date"  # a date or date-time of the patient: shifted, time of day dropped
    YEAR = "year"  # a date of the patient: its year only (after the shift)
    AGE = "age"  # an age in years: 90 and over become "90+"
    BIRTH_YEAR = "birth_year"  # a birth date: its year, or "90+" when that reveals an age over 89


OLDEST_REPORTED_AGE = 89  # Safe Harbor: ages over 89 are aggregated into one group
AGED_GROUP = "90+"


@dataclass(frozen=True)
class Deidentifier:
    """Applies the rules with one site's secret `key` (bytes, at least 32)."""

    key: bytes
    max_shift_days: int = 182
    today: dt.date = field(default_factory=dt.date.today)

    def __post_init__(self) -> None:
        if len(self.key) < 32:
            raise ValueError("The de-identification key must be at least 32 bytes long.")

    def _digest(self, purpose: str, value: str) -> bytes:
        return hmac.new(self.key, f"{purpose}:{value}".encode(), hashlib.sha256).digest()

    def research_id(self, patient_key: object) -> str:
        """A stable research id for one patient (`R-` and 16 base32 characters)."""
        token = base64.b32encode(self._digest("patient", str(patient_key))[:10]).decode()
        return f"R-{token}"

    def staff_pseudonym(self, staff_key: object) -> str:
        """A stable pseudonym for one member of staff (`S-` and 8 base32 characters)."""
        token = base64.b32encode(self._digest("staff", str(staff_key))[:5]).decode()
        return f"S-{token}"

    def shift_days(self, patient_key: object) -> int:
        """The patient's date shift: never zero, at most `max_shift_days` either way."""
        number = int.from_bytes(self._digest("shift", str(patient_key))[:4], "big")
        magnitude = 1 + number % self.max_shift_days
        return magnitude if number & 1 << 31 else -magnitude

    def shift(self, patient_key: object, value: dt.date | dt.datetime) -> dt.date:
        """A date (or the date of a date-time) moved by the patient's shift."""
        day = value.date() if isinstance(value, dt.datetime) else value
        return day + dt.timedelta(days=self.shift_days(patient_key))

    def apply(
        self, row: Mapping[str, Any], rules: Mapping[str, Rule], *, patient_key: object
    ) -> dict[str, Any]:
        """The de-identified row: only the fields `rules` names, each transformed by its rule.

        `patient_key` identifies whose row it is (it keys the research id and the date shift);
        it never appears in the result.
        """
        out: dict[str, Any] = {}
        for name, rule in rules.items():
            if name in row:
                out[name] = self._transform(rule, row[name], patient_key)
        return out

    def _transform(self, rule: Rule, value: Any, patient_key: object) -> Any:
        if value is None or value == "":
            return None
        transform = _TRANSFORMS[rule]
        return transform(self, value, patient_key)


def age_group(years: int) -> int | str:
    """An age as Safe Harbor allows it: the number up to 89, else "90+"."""
    return AGED_GROUP if years > OLDEST_REPORTED_AGE else years


def birth_year(born: dt.date, today: dt.date) -> int | str:
    """The birth year, or "90+" when the person is over 89 today."""
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return AGED_GROUP if years > OLDEST_REPORTED_AGE else born.year


_TRANSFORMS: dict[Rule, Callable[[Deidentifier, Any, object], Any]] = {
    Rule.KEEP: lambda d, v, p: v,
    Rule.RESEARCH_ID: lambda d, v, p: d.research_id(v),
    Rule.STAFF: lambda d, v, p: d.staff_pseudonym(v),
    Rule.DATE: lambda d, v, p: d.shift(p, v).isoformat(),
    Rule.YEAR: lambda d, v, p: d.shift(p, v).year,
    Rule.AGE: lambda d, v, p: age_group(int(v)),
    Rule.BIRTH_YEAR: lambda d, v, p: birth_year(v, d.today),
}
