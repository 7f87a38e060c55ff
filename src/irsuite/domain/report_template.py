"""The structured procedure report: its sections, the template per catalogue entry, pre-filling.

Sections, headings and starting text come from ``reference/data/report_templates.toml`` parsed by
:func:`parse_report_templates`; :func:`template_for` picks the most specific starting text for a
catalogue entry (its code, then its family). :func:`prefill_report` fills what the case record
already knows, and never invents what it does not. The case record is a plain dict::

    {
      "indication": str,
      "consent": {"signed": bool, "signed_by": str, "consented_by": str,
                  "signed_at": datetime | str, "interpreter": str, "witness": str},
      "sedation": {"kind": SedationKind value, "by": str, "max_ramsay": int,
                   "drugs": [{"name": str, "dose": number | str, "unit": str, "route": str}]},
      "time_out": {"completed_at": datetime | str, "by": str},
      "access": [{"site": str, "side": str, "guidance": str, "sheath_fr": number}],
      "devices": [{"name": str, "size": str, "quantity": int}],
      "findings": str,
      "complications": [{"text": str, "grades": [[scale, grade], ...]}],   # [] means none
      "dose": {"ka_r_mgy": float, "kap_gycm2": float, "fluoro_time_s": float,
               "ctdivol_mgy": float, "dlp_mgycm": float, "alerts": [str]},
      "impression": str,
      "orders": [str],
      "follow_up": [{"text": str, "after_days": int}],
    }

Every key is optional; a missing key leaves the section to the template or to the attending.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from irsuite.domain.catalogue import CatalogueEntry, Family
from irsuite.domain.recovery import SedationKind

Filler = Callable[[Mapping[str, Any]], str]


class Section(StrEnum):
    """The sections of a procedure report, in print order."""

    INDICATION = "indication"
    CONSENT = "consent"
    SEDATION = "sedation"
    TIME_OUT = "time_out"
    ACCESS = "access"
    TECHNIQUE = "technique"
    DEVICES = "devices"
    FINDINGS = "findings"
    COMPLICATIONS = "complications"
    RADIATION_DOSE = "radiation_dose"
    IMPRESSION = "impression"
    PLAN = "plan"


class RequiredWhen(StrEnum):
    """Conditions under which an otherwise optional section must be filled."""

    FLUORO_DOSE_EXPECTED = "fluoro_dose_expected"


class TextSource(StrEnum):
    """Where a section's current text came from."""

    CASE_RECORD = "case_record"
    TEMPLATE = "template"
    EMPTY = "empty"


SEDATION_WORDS: Mapping[SedationKind, str] = {
    SedationKind.NONE: "No sedation or local anaesthetic",
    SedationKind.LOCAL: "Local anaesthetic only",
    SedationKind.MINIMAL: "Minimal sedation",
    SedationKind.MODERATE: "Moderate sedation",
    SedationKind.DEEP: "Deep sedation",
    SedationKind.GENERAL: "General anaesthesia",
    SedationKind.MONITORED_ANAESTHESIA_CARE: "Monitored anaesthesia care",
}


@dataclass(frozen=True)
class SectionSpec:
    """A section's heading, whether it must be filled, and the hint shown while empty."""

    section: Section
    heading: str
    required: bool
    placeholder: str
    required_when: RequiredWhen | None = None


@dataclass(frozen=True)
class TemplateText:
    """Starting text for the entries of one family or for one catalogue code."""

    code: str | None
    family: Family | None
    text: Mapping[Section, str]


@dataclass(frozen=True)
class ReportTemplates:
    """The report reference data."""

    version: str
    source: str
    verified: bool
    sections: tuple[SectionSpec, ...]
    texts: tuple[TemplateText, ...]


@dataclass(frozen=True)
class ReportTemplate:
    """The report template for one catalogue entry."""

    procedure_code: str
    procedure_name: str
    sections: tuple[SectionSpec, ...]
    starting_text: Mapping[Section, str]


@dataclass(frozen=True)
class SectionDraft:
    """One section of a report being written."""

    spec: SectionSpec
    text: str
    source: TextSource


@dataclass(frozen=True)
class ReportDraft:
    """A report before signing: one draft per section, in print order."""

    procedure_code: str
    procedure_name: str
    sections: tuple[SectionDraft, ...]

    def text(self, section: Section) -> str:
        """The current text of ``section``."""
        return next(s.text for s in self.sections if s.spec.section is section)

    def with_text(self, section: Section, text: str) -> ReportDraft:
        """A copy with ``section`` replaced by the attending's text."""
        return replace(
            self,
            sections=tuple(
                replace(s, text=text, source=TextSource.CASE_RECORD)
                if s.spec.section is section
                else s
                for s in self.sections
            ),
        )

    def as_text(self) -> str:
        """The report as plain text, headings in capitals, empty sections left out."""
        parts = [f"{s.spec.heading.upper()}\n{s.text.strip()}" for s in self.sections if s.text]
        return f"{self.procedure_name}\n\n" + "\n\n".join(parts) + "\n"


def parse_report_templates(data: Mapping[str, Any]) -> ReportTemplates:
    """Parse the report part of ``report_templates.toml`` (the TOML document as a dict)."""
    sections = tuple(
        SectionSpec(
            section=Section(raw["id"]),
            heading=str(raw["heading"]),
            required=bool(raw["required"]),
            placeholder=str(raw.get("placeholder", "")),
            required_when=RequiredWhen(raw["required_when"]) if "required_when" in raw else None,
        )
        for raw in data["section"]
    )
    if tuple(s.section for s in sections) != tuple(Section):
        order = ", ".join(s.value for s in Section)
        raise ValueError(f"report sections must be exactly, in order: {order}")
    texts = tuple(
        TemplateText(
            code=str(raw["code"]) if "code" in raw else None,
            family=Family(raw["family"]) if "family" in raw else None,
            text={Section(k): str(v) for k, v in raw["text"].items()},
        )
        for raw in data.get("template", [])
    )
    if any((t.code is None) == (t.family is None) for t in texts):
        raise ValueError("each report [[template]] names either a code or a family")
    meta = data["meta"]
    return ReportTemplates(
        version=str(meta["version"]),
        source=str(meta["source"]),
        verified=bool(meta["verified"]),
        sections=sections,
        texts=texts,
    )


def template_for(templates: ReportTemplates, entry: CatalogueEntry) -> ReportTemplate:
    """The template for ``entry``: code-specific text over family text over nothing."""
    starting: dict[Section, str] = {}
    for text in templates.texts:
        if text.family is entry.family:
            starting.update(text.text)
    for text in templates.texts:
        if text.code == entry.code:
            starting.update(text.text)
    sections = tuple(
        replace(s, required=True)
        if s.required_when is RequiredWhen.FLUORO_DOSE_EXPECTED and entry.fluoro_dose_expected
        else s
        for s in templates.sections
    )
    return ReportTemplate(entry.code, entry.name, sections, starting)


def missing_sections(draft: ReportDraft) -> tuple[SectionSpec, ...]:
    """The required sections still empty; a report cannot be signed until this is empty."""
    return tuple(s.spec for s in draft.sections if s.spec.required and not s.text.strip())


def signing_problems(draft: ReportDraft) -> tuple[str, ...]:
    """Messages saying what to fill before the report can be signed."""
    return tuple(f"Fill the section {s.heading!r} before signing." for s in missing_sections(draft))


def prefill_report(template: ReportTemplate, case: Mapping[str, Any]) -> ReportDraft:
    """Fill each section from the case record, else from the template's starting text."""
    drafts = []
    for spec in template.sections:
        filler = _FILLERS.get(spec.section)
        filled = filler(case) if filler is not None else ""
        starting = template.starting_text.get(spec.section, "")
        if spec.section is Section.PLAN and filled and starting:
            filled = f"{starting}\n{filled}"
        if filled:
            drafts.append(SectionDraft(spec, filled, TextSource.CASE_RECORD))
        elif starting:
            drafts.append(SectionDraft(spec, starting, TextSource.TEMPLATE))
        else:
            drafts.append(SectionDraft(spec, "", TextSource.EMPTY))
    return ReportDraft(template.procedure_code, template.procedure_name, tuple(drafts))


def when_text(value: datetime | str | None) -> str:
    """A date and time as the report prints it."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value or "")


def join_nonempty(parts: Sequence[str], sep: str = ", ") -> str:
    """Join the non-empty parts."""
    return sep.join(p for p in parts if p)


def _text(key: str) -> Filler:
    def fill(case: Mapping[str, Any]) -> str:
        return str(case.get(key) or "").strip()

    return fill


def _consent(case: Mapping[str, Any]) -> str:
    consent = case.get("consent") or {}
    if not consent.get("signed"):
        return ""
    text = "Written informed consent was obtained"
    if consent.get("signed_by"):
        text += f" from {consent['signed_by']}"
    if consent.get("consented_by"):
        text += f" by {consent['consented_by']}"
    if consent.get("signed_at"):
        text += f" on {when_text(consent['signed_at'])}"
    text += ", after discussion of the risks, benefits and alternatives, including no treatment."
    extras = [f"{label}: {consent[key]}." for key, label in _CONSENT_EXTRAS if consent.get(key)]
    return join_nonempty([text, *extras], " ")


_CONSENT_EXTRAS = (("interpreter", "Interpreter"), ("witness", "Witness"))


def _sedation(case: Mapping[str, Any]) -> str:
    sedation = case.get("sedation") or {}
    if not sedation.get("kind"):
        return ""
    kind = SedationKind(sedation["kind"])
    text = SEDATION_WORDS[kind]
    if sedation.get("by"):
        text += f", given by {sedation['by']}"
    drugs = [
        join_nonempty([str(d.get(key, "")) for key in ("name", "dose", "unit", "route")], " ")
        for d in sedation.get("drugs") or []
    ]
    if drugs:
        text += ": " + ", ".join(drugs)
    text += "."
    if sedation.get("max_ramsay"):
        text += f" Deepest Ramsay level {sedation['max_ramsay']}."
    return text


def _time_out(case: Mapping[str, Any]) -> str:
    time_out = case.get("time_out") or {}
    if not time_out.get("completed_at"):
        return ""
    text = f"Universal Protocol time-out completed at {when_text(time_out['completed_at'])}"
    if time_out.get("by"):
        text += f" (recorded by {time_out['by']})"
    return text + "; patient, procedure and site confirmed by the team."


def _access(case: Mapping[str, Any]) -> str:
    lines = []
    for access in case.get("access") or []:
        site = join_nonempty([str(access.get("side", "")), str(access.get("site", ""))], " ")
        parts = [site.capitalize()]
        if access.get("guidance"):
            parts.append(f"{access['guidance']} guidance")
        if access.get("sheath_fr"):
            parts.append(f"{access['sheath_fr']} F sheath")
        lines.append(join_nonempty(parts) + ".")
    return "\n".join(lines)


def _devices(case: Mapping[str, Any]) -> str:
    lines = []
    for device in case.get("devices") or []:
        line = join_nonempty([str(device.get("name", "")), str(device.get("size", ""))], " ")
        quantity = int(device.get("quantity") or 1)
        lines.append(f"- {line}" + (f" (x{quantity})" if quantity > 1 else ""))
    return "\n".join(lines)


def _complications(case: Mapping[str, Any]) -> str:
    if "complications" not in case:
        return ""
    events = case["complications"] or []
    if not events:
        return "None immediate."
    lines = []
    for event in events:
        grades = "; ".join(f"{scale} {grade}" for scale, grade in event.get("grades") or [])
        lines.append(f"- {event['text']}" + (f" ({grades})" if grades else ""))
    return "\n".join(lines)


_DOSE_PARTS = (
    ("ka_r_mgy", "Reference air kerma", "mGy"),
    ("kap_gycm2", "kerma-area product", "Gy·cm²"),
    ("ctdivol_mgy", "CTDIvol", "mGy"),
    ("dlp_mgycm", "DLP", "mGy·cm"),
)


def _dose(case: Mapping[str, Any]) -> str:
    dose = case.get("dose") or {}
    parts = [f"{label} {dose[key]:g} {unit}" for key, label, unit in _DOSE_PARTS if key in dose]
    if "fluoro_time_s" in dose:
        minutes, seconds = divmod(round(float(dose["fluoro_time_s"])), 60)
        parts.append(f"fluoroscopy time {minutes} min {seconds} s")
    if not parts:
        return ""
    text = "; ".join(parts)
    text = text[0].upper() + text[1:] + "."
    alerts = [str(a) for a in dose.get("alerts") or []]
    if alerts:
        text += " " + " ".join(alerts)
    return text


def _plan(case: Mapping[str, Any]) -> str:
    lines = [f"- {order}" for order in case.get("orders") or []]
    for item in case.get("follow_up") or []:
        lines.append(f"- Follow-up in {item['after_days']} days: {item['text']}")
    return "\n".join(lines)


_FILLERS: Mapping[Section, Filler] = {
    Section.INDICATION: _text("indication"),
    Section.CONSENT: _consent,
    Section.SEDATION: _sedation,
    Section.TIME_OUT: _time_out,
    Section.ACCESS: _access,
    Section.DEVICES: _devices,
    Section.FINDINGS: _text("findings"),
    Section.COMPLICATIONS: _complications,
    Section.RADIATION_DOSE: _dose,
    Section.IMPRESSION: _text("impression"),
    Section.PLAN: _plan,
}
