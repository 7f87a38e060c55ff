"""The patient banner's content: who the patient is and what must not be missed, the same on
every page about one patient (after the NHS Common User Interface patient-banner guidance:
name, date of birth with age, sex, identifier, then allergies and alerts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from irsuite.patients.hooks import BANNER_ALERTS
from irsuite.patients.models import AllergyStatus, IdentifierType, Patient, PregnancyStatus
from irsuite.people.models import Site


@dataclass(frozen=True)
class Banner:
    """What the banner shows; every value already in words."""

    patient_id: int
    name: str
    birth_date: dt.date
    age: int
    sex: str
    mrn: str
    mrn_site: str
    allergies: str
    allergy_status: str
    weight: str
    pregnancy: str
    synthetic: bool
    deceased: bool
    alerts: list[str] = field(default_factory=list)

    @property
    def allergies_known(self) -> bool:
        return self.allergy_status == AllergyStatus.KNOWN


def _mrn(patient: Patient, site: Site | None) -> tuple[str, str]:
    mrns = [i for i in patient.identifiers.all() if i.type == IdentifierType.MRN]
    chosen = next((i for i in mrns if site is not None and i.site_id == site.pk), None)
    chosen = chosen or (mrns[0] if mrns else None)
    if chosen is None:
        return "", ""
    return chosen.value, chosen.site.code if chosen.site is not None else ""


def allergy_words(patient: Patient) -> str:
    """The allergies as the banner says them: listed, "none known" only when recorded as none,
    otherwise "not recorded"."""
    if patient.allergy_status == AllergyStatus.KNOWN:
        listed = [line.strip() for line in patient.allergies.splitlines() if line.strip()]
        if patient.contrast_allergy and not any("contrast" in a.lower() for a in listed):
            listed.append("iodinated contrast")
        return ", ".join(listed)
    if patient.allergy_status == AllergyStatus.NONE_KNOWN:
        return "none known"
    return "not recorded"


def _pregnancy(patient: Patient) -> str:
    if patient.pregnancy_status in (PregnancyStatus.NOT_APPLICABLE, PregnancyStatus.UNKNOWN):
        return ""
    on = patient.pregnancy_status_on
    label = PregnancyStatus(patient.pregnancy_status).label
    return f"{label} ({on:%d %b %Y})" if on else label


def banner_for(patient: Patient, site: Site | None = None, today: dt.date | None = None) -> Banner:
    """The banner of `patient`, with the MRN of `site` when they have one there."""
    day = today or timezone.localdate()
    mrn, mrn_site = _mrn(patient, site)
    alerts = ["Contrast allergy"] if patient.contrast_allergy else []
    for source in BANNER_ALERTS:
        alerts += source(patient)
    return Banner(
        patient_id=patient.pk,
        name=str(patient),
        birth_date=patient.birth_date,
        age=patient.age_on(day),
        sex=patient.get_sex_display(),
        mrn=mrn,
        mrn_site=mrn_site,
        allergies=allergy_words(patient),
        allergy_status=patient.allergy_status,
        weight=f"{patient.weight_kg:g} kg" if patient.weight_kg is not None else "not recorded",
        pregnancy=_pregnancy(patient),
        synthetic=patient.synthetic,
        deceased=patient.deceased_at is not None,
        alerts=alerts,
    )
