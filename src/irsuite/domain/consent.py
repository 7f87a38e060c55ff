"""Consent documents in plain patient language, generated from a catalogue entry.

The catalogue entry gives the risks (with how often they happen), benefits and alternatives
(DOMAIN §2); the wording of the form and the verbal risk scale come from
``reference/data/report_templates.toml`` (section ``consent_form``) parsed by
:func:`parse_consent_wording`. Generation is pure: the clinician edits and the patient signs the
resulting text elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from irsuite.domain.catalogue import CatalogueEntry, ConsentRisk


class ConsentContentError(ValueError):
    """The catalogue entry lacks what a consent form needs; the message says what to add."""


@dataclass(frozen=True)
class FrequencyBand:
    """A verbal label for risks of at least 1 in ``one_in`` (0 catches everything rarer)."""

    label: str
    one_in: int


@dataclass(frozen=True)
class ConsentWording:
    """The fixed text of the consent form, from reference data."""

    title: str
    intro: str
    benefits_heading: str
    risks_heading: str
    risks_intro: str
    alternatives_heading: str
    declarations_heading: str
    no_treatment: str
    no_treatment_markers: tuple[str, ...]
    frequency_unknown: str
    frequency_single: str
    frequency_range: str
    frequency_up_to: str
    frequency_less_than: str
    declarations: tuple[str, ...]
    bands: tuple[FrequencyBand, ...]


class Qualifier(StrEnum):
    """How a written frequency bounds the risk."""

    ABOUT = "about"
    UP_TO = "up_to"
    LESS_THAN = "less_than"


@dataclass(frozen=True)
class Frequency:
    """A risk frequency read from text such as "1 in 100" or "1 to 3 in 100"."""

    low: Fraction
    high: Fraction
    low_count: int
    high_count: int
    total: int
    qualifier: Qualifier = Qualifier.ABOUT


@dataclass(frozen=True)
class RiskStatement:
    """One risk as the patient reads it."""

    text: str
    frequency_text: str
    band: str | None
    plain: str


@dataclass(frozen=True)
class ConsentDocument:
    """The generated consent form for one procedure."""

    procedure_code: str
    procedure_name: str
    title: str
    intro: str
    benefits: tuple[str, ...]
    risks: tuple[RiskStatement, ...]
    alternatives: tuple[str, ...]
    declarations: tuple[str, ...]
    wording: ConsentWording

    def as_text(self) -> str:
        """The whole form as plain text (the starting point of clinician edits)."""
        w = self.wording
        lines = [self.title, "", self.intro, "", w.benefits_heading]
        lines += [f"- {b}" for b in self.benefits]
        lines += ["", w.risks_heading, w.risks_intro]
        lines += [f"- {r.plain}" for r in self.risks]
        lines += ["", w.alternatives_heading]
        lines += [f"- {a}" for a in self.alternatives]
        lines += ["", w.declarations_heading]
        lines += [f"- {d}" for d in self.declarations]
        return "\n".join(lines) + "\n"


def parse_consent_wording(data: Mapping[str, Any]) -> ConsentWording:
    """Parse the ``consent_form`` table of the document templates reference data."""
    form = data["consent_form"]
    bands = tuple(
        FrequencyBand(label=str(b["label"]), one_in=int(b["one_in"]))
        for b in form["frequency_band"]
    )
    if not bands or bands[-1].one_in != 0:
        raise ValueError("consent_form.frequency_band must end with a band where one_in = 0")
    steps = [b.one_in for b in bands[:-1]]
    if steps != sorted(steps) or any(s <= 0 for s in steps):
        raise ValueError("consent_form.frequency_band must go from common to rare")
    text = {key: str(form[key]) for key in _TEXT_KEYS}
    return ConsentWording(
        **text,
        no_treatment_markers=tuple(str(m).lower() for m in form["no_treatment_markers"]),
        declarations=tuple(str(d) for d in form["declarations"]),
        bands=bands,
    )


_TEXT_KEYS = (
    "title",
    "intro",
    "benefits_heading",
    "risks_heading",
    "risks_intro",
    "alternatives_heading",
    "declarations_heading",
    "no_treatment",
    "frequency_unknown",
    "frequency_single",
    "frequency_range",
    "frequency_up_to",
    "frequency_less_than",
)

_FREQUENCY = re.compile(
    r"^(?:(?P<qualifier>about|around|approximately|up to|fewer than|less than)\s+)?"
    r"(?P<low>[\d,]+)(?:\s*(?:to|-|–)\s*(?P<high>[\d,]+))?\s+in\s+(?P<total>[\d,]+)"
    r"(?:\s+people)?\.?$"
)
_QUALIFIERS = {
    "up to": Qualifier.UP_TO,
    "fewer than": Qualifier.LESS_THAN,
    "less than": Qualifier.LESS_THAN,
}


def parse_frequency(text: str) -> Frequency | None:
    """Read "1 in 100", "1 to 3 in 100", "less than 1 in 1,000"; None when it cannot be read.

    Text with anything more (a severity, a time frame) is not read, so it is shown as written.
    """
    match = _FREQUENCY.match(text.strip().lower())
    if match is None:
        return None
    low = int(match["low"].replace(",", ""))
    high = int((match["high"] or match["low"]).replace(",", ""))
    total = int(match["total"].replace(",", ""))
    if total <= 0 or not 0 < low <= high <= total:
        return None
    qualifier = _QUALIFIERS.get(match["qualifier"] or "", Qualifier.ABOUT)
    return Frequency(Fraction(low, total), Fraction(high, total), low, high, total, qualifier)


def verbal_band(rate: Fraction, bands: tuple[FrequencyBand, ...], below: bool = False) -> str:
    """The verbal label ("common", "rare" ...) for a risk of ``rate`` (or just below it)."""
    for band in bands:
        if band.one_in == 0:
            return band.label
        floor = Fraction(1, band.one_in)
        if rate > floor or (rate == floor and not below):
            return band.label
    return bands[-1].label


def describe_risk(risk: ConsentRisk, wording: ConsentWording) -> RiskStatement:
    """Phrase one risk for the patient: the risk, a verbal label and a natural frequency.

    A range is labelled by its upper end, so the label never understates the risk.
    """
    frequency = parse_frequency(risk.frequency)
    if frequency is None:
        how_often = risk.frequency.strip() or wording.frequency_unknown
        return RiskStatement(risk.text, risk.frequency, None, f"{risk.text}: {how_often}.")
    below = frequency.qualifier is Qualifier.LESS_THAN
    band = verbal_band(frequency.high, wording.bands, below=below)
    total = f"{frequency.total:,}"
    if frequency.low_count != frequency.high_count:
        natural = wording.frequency_range.format(
            low=frequency.low_count, high=frequency.high_count, total=total
        )
    else:
        pattern = {
            Qualifier.ABOUT: wording.frequency_single,
            Qualifier.UP_TO: wording.frequency_up_to,
            Qualifier.LESS_THAN: wording.frequency_less_than,
        }[frequency.qualifier]
        natural = pattern.format(count=frequency.high_count, total=total)
    return RiskStatement(risk.text, risk.frequency, band, f"{risk.text}: {band}, {natural}.")


def _with_no_treatment(alternatives: tuple[str, ...], wording: ConsentWording) -> tuple[str, ...]:
    for alternative in alternatives:
        lowered = alternative.lower()
        if any(marker in lowered for marker in wording.no_treatment_markers):
            return alternatives
    return (*alternatives, wording.no_treatment)


def generate_consent(entry: CatalogueEntry, wording: ConsentWording) -> ConsentDocument:
    """Build the consent form for ``entry``; raise ConsentContentError when items are missing.

    The alternatives always include not having the procedure: the catalogue's own wording when
    it has one, otherwise the standard sentence from the reference data.
    """
    consent = entry.consent
    missing = [
        name
        for name, values in (("risks", consent.risks), ("benefits", consent.benefits))
        if not values
    ]
    if missing:
        raise ConsentContentError(
            f"Catalogue entry {entry.code} has no consent {' or '.join(missing)}; "
            "add them to the catalogue before generating a consent form."
        )
    return ConsentDocument(
        procedure_code=entry.code,
        procedure_name=entry.name,
        title=wording.title.format(procedure=entry.name),
        intro=wording.intro,
        benefits=consent.benefits,
        risks=tuple(describe_risk(r, wording) for r in consent.risks),
        alternatives=_with_no_treatment(consent.alternatives, wording),
        declarations=wording.declarations,
        wording=wording,
    )
