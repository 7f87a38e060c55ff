"""Outcomes recorded at follow-up and the clinical success they add up to.

Technical success is judged at the end of the procedure; clinical success at follow-up, from
what the procedure was for: a vessel or access kept open (patency), symptoms relieved, or a
tumour responding on imaging.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Patency(enum.Enum):
    """State of a treated vessel, stent, shunt or access at follow-up."""

    NOT_ASSESSED = "not_assessed"
    PATENT = "patent"
    STENOSED = "stenosed"  # open but narrowed, needing surveillance or re-intervention
    OCCLUDED = "occluded"


class SymptomRelief(enum.Enum):
    """How far the symptoms that led to the procedure have been relieved."""

    NOT_ASSESSED = "not_assessed"
    COMPLETE = "complete"
    PARTIAL = "partial"
    NONE = "none"
    WORSE = "worse"


class ImagingResponse(enum.Enum):
    """Tumour response on follow-up imaging (mRECIST categories)."""

    NOT_ASSESSED = "not_assessed"
    COMPLETE = "complete_response"
    PARTIAL = "partial_response"
    STABLE = "stable_disease"
    PROGRESSION = "progressive_disease"


class ClinicalSuccess(enum.Enum):
    """Verdict at follow-up."""

    SUCCESS = "success"
    FAILURE = "failure"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class FollowUpFindings:
    """Findings recorded at one follow-up visit."""

    patency: Patency = Patency.NOT_ASSESSED
    symptom_relief: SymptomRelief = SymptomRelief.NOT_ASSESSED
    imaging_response: ImagingResponse = ImagingResponse.NOT_ASSESSED


_GOOD = {
    Patency.PATENT,
    SymptomRelief.COMPLETE,
    SymptomRelief.PARTIAL,
    ImagingResponse.COMPLETE,
    ImagingResponse.PARTIAL,
    ImagingResponse.STABLE,
}
_BAD = {
    Patency.OCCLUDED,
    SymptomRelief.NONE,
    SymptomRelief.WORSE,
    ImagingResponse.PROGRESSION,
}


def clinical_success(findings: FollowUpFindings) -> ClinicalSuccess:
    """Failure when any assessed finding is unfavourable, success when at least one is favourable.

    A stenosed but open vessel is neither: alone it leaves the verdict unknown.
    """
    values: list[enum.Enum] = [
        findings.patency,
        findings.symptom_relief,
        findings.imaging_response,
    ]
    if any(value in _BAD for value in values):
        return ClinicalSuccess.FAILURE
    if any(value in _GOOD for value in values):
        return ClinicalSuccess.SUCCESS
    return ClinicalSuccess.UNKNOWN
