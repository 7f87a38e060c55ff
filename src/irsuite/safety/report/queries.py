"""The case record as the report's pre-filler reads it (see domain.report_template): consent,
sedation, time-out, access, devices, findings, complications and the radiation dose."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from irsuite.cases import hooks
from irsuite.cases.models import Procedure
from irsuite.domain.checklist import Phase
from irsuite.safety.consent.models import SignerRole
from irsuite.safety.consent.services import current_consent
from irsuite.safety.sedation.models import SedationDrug


def _consent_facts(procedure: Procedure) -> dict[str, Any]:
    consent = current_consent(procedure.request)
    if consent is None or not consent.is_signed:
        return {"signed": False}
    signer = "the patient" if consent.signer_role == SignerRole.PATIENT else consent.signer_name
    interpreter = consent.interpreter_name
    if interpreter and consent.interpreter_language:
        interpreter += f" ({consent.interpreter_language})"
    return {
        "signed": True,
        "signed_by": signer,
        "consented_by": consent.consented_by.display_name if consent.consented_by else "",
        "signed_at": timezone.localtime(consent.signed_at) if consent.signed_at else "",
        "interpreter": interpreter,
        "witness": consent.witness_name,
    }


def _drug_given(drug: SedationDrug) -> dict[str, str]:
    """A dose as the report says it: the drug's label from the sedation drug list (never its
    stored key), the dose and unit, and the route in words."""
    return {
        "name": drug.label,
        "dose": f"{drug.dose.normalize():f}",
        "unit": drug.get_unit_display(),
        "route": drug.get_route_display().lower(),
    }


def _sedation_facts(procedure: Procedure) -> dict[str, Any]:
    sedation = getattr(procedure.request, "sedation", None)
    kind = sedation.kind if sedation is not None else procedure.sedation_type
    facts: dict[str, Any] = {"kind": kind}
    if sedation is not None:
        facts["drugs"] = [_drug_given(d) for d in sedation.drugs.all()]
        levels = [v.ramsay for v in sedation.vitals.all() if v.ramsay]
        if levels:
            facts["max_ramsay"] = max(levels)
        givers = {d.by.display_name for d in sedation.drugs.select_related("by")}
        if len(givers) == 1:
            facts["by"] = givers.pop()
    return facts


def _time_out_facts(procedure: Procedure) -> dict[str, Any]:
    checklist = getattr(procedure.request, "checklist", None)
    if checklist is None:
        return {}
    done = checklist.completions.filter(phase=Phase.TIME_OUT).select_related("by").first()
    if done is None:
        return {}
    return {"completed_at": timezone.localtime(done.at), "by": done.by.display_name}


def _complications(procedure: Procedure) -> list[dict[str, Any]] | None:
    events = getattr(procedure, "adverse_events", None)
    if events is None:
        return None
    return [
        {
            "text": e.description,
            "grades": [[g.get_scale_display(), g.grade] for g in e.gradings.all()],
        }
        for e in events.filter(timing="intra").prefetch_related("gradings")
    ]


# Said after the figures of a dose entered by hand, so the reader knows where they come from.
HAND_ENTERED = "Entered by hand from the unit's console (no dose report was received)."


def case_record(procedure: Procedure) -> dict[str, Any]:
    """The case record as the report pre-filler reads it (see domain.report_template)."""
    request = procedure.request
    case: dict[str, Any] = {
        "indication": request.indication,
        "consent": _consent_facts(procedure),
        "sedation": _sedation_facts(procedure),
        "time_out": _time_out_facts(procedure),
        "access": [
            {"site": a.site, "sheath_fr": f"{a.sheath_fr.normalize():f}" if a.sheath_fr else ""}
            for a in procedure.access_sites.all()
        ],
        "devices": [
            {"name": d.name, "size": "", "quantity": d.quantity} for d in procedure.devices.all()
        ],
        "findings": procedure.findings,
    }
    complications = _complications(procedure)
    if complications is not None and procedure.end_at is not None:
        case["complications"] = complications
    # The dose area registers `fn(procedure) -> dict | None` giving the report's dose figures
    # (keys of the case record "dose": ka_r_mgy, kap_gycm2, fluoro_time_s, ctdivol_mgy,
    # dlp_mgycm, alerts).
    for provider in hooks.REPORT_DOSE_PROVIDERS:
        dose = provider(procedure)
        if dose:
            case["dose"] = dose
            break
    else:
        hand = procedure.hand_dose
        if hand:
            case["dose"] = {
                **{key: float(value) for key, value in hand.items()},
                "alerts": [HAND_ENTERED],
            }
    return case
