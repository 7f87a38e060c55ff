"""Which labs a case needs, whether those given are current, and what to correct."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from irsuite.domain.bleeding.enums import ArterialAccess, RiskClass
from irsuite.domain.bleeding.inputs import PlanInput
from irsuite.domain.bleeding.result import Notes
from irsuite.domain.bleeding.rules import BleedingRules, LabThresholds, Provenance


@dataclass(frozen=True)
class LabContext:
    """What the lab rules look at besides the results themselves."""

    request: PlanInput
    risk: RiskClass  # LOW or HIGH: the class whose thresholds apply
    drugs: frozenset[str]
    rules: BleedingRules

    @property
    def arterial(self) -> bool:
        """True when the case needs arterial access."""
        r = self.request
        return r.arterial_sheath_fr is not None or r.arterial_access is not None

    @property
    def thresholds(self) -> LabThresholds:
        """Thresholds of the risk class, or the liver-disease ones."""
        liver = self.rules.liver_disease
        if self.request.chronic_liver_disease:
            return liver.low if self.risk is RiskClass.LOW else liver.high
        return self.rules.labs_for(self.risk).thresholds


def _current(ctx: LabContext, notes: Notes) -> bool:
    """True when the results were taken within the validity window before the start."""
    labs, validity = ctx.request.labs, ctx.rules.validity
    if not labs.any_value:
        return False
    if labs.taken_at is None:
        notes.warn(
            "The lab sample time is not given: the results cannot be shown to be current.",
            validity.provenance,
        )
        return False
    if ctx.request.scheduled_at - labs.taken_at > timedelta(days=validity.days):
        notes.warn(
            f"The labs are older than {validity.days} days at the scheduled start.",
            validity.provenance,
        )
        return False
    return True


def _inr_needed(ctx: LabContext) -> Provenance | None:
    """The rule that makes an INR necessary, or None when it is not needed."""
    own = ctx.rules.labs_for(ctx.risk)
    if own.routine or own.inr_needed_with & ctx.drugs:
        return own.thresholds.provenance
    liver = ctx.rules.liver_disease
    if ctx.request.chronic_liver_disease and liver.inr_needed:
        return liver.provenance
    return None


def _check_inr_recency(ctx: LabContext, notes: Notes) -> None:
    validity, labs = ctx.rules.validity, ctx.request.labs
    on = sorted(validity.inr_recent_with & ctx.drugs)
    if not on:
        return
    window = timedelta(hours=validity.inr_recent_hours)
    if (
        labs.inr is None
        or labs.taken_at is None
        or ctx.request.scheduled_at - labs.taken_at > window
    ):
        notes.act(
            f"Repeat the INR within {validity.inr_recent_hours:g} h before the start "
            f"(on {', '.join(on)}).",
            validity.provenance,
            blocking=True,
        )


def _arterial_limit(ctx: LabContext, notes: Notes) -> tuple[float, str]:
    rule = ctx.rules.arterial
    if ctx.request.arterial_access is ArterialAccess.RADIAL:
        return rule.radial_inr_below, "radial"
    if ctx.request.arterial_access is None:
        notes.warn(
            "Arterial access site not given: the stricter femoral INR limit is applied.",
            rule.provenance,
        )
    return rule.femoral_inr_below, "femoral"


def _judge_inr(ctx: LabContext, inr: float, notes: Notes) -> None:
    if ctx.risk is RiskClass.LOW and ctx.arterial:
        limit, site = _arterial_limit(ctx, notes)
        prov = ctx.rules.arterial.provenance
        if inr < limit:
            notes.why(f"INR {inr:g} is below {limit:g} ({site} arterial access).", prov)
        else:
            notes.act(
                f"Correct the INR ({inr:g}) to below {limit:g} for {site} arterial access.",
                prov,
                blocking=True,
            )
        return
    t = ctx.thresholds
    if inr <= t.inr_ok_max:
        notes.why(f"INR {inr:g} is at or below {t.inr_ok_max:g}.", t.provenance)
    elif inr > t.inr_correct_above:
        notes.act(
            f"Correct the INR ({inr:g}) to {t.inr_correct_above:g} or below.",
            t.provenance,
            blocking=True,
        )
    else:
        notes.act(
            f"INR {inr:g} lies in the guideline range {t.inr_ok_max:g}-{t.inr_correct_above:g}: "
            "the operator accepts it or has it corrected.",
            t.provenance,
            blocking=True,
        )


def _judge_platelets(ctx: LabContext, platelets: float, notes: Notes) -> None:
    t = ctx.thresholds
    if platelets < t.platelets_transfuse_below:
        notes.act(
            f"Transfuse platelets: count {platelets:g} x10^9/L is below "
            f"{t.platelets_transfuse_below:g}.",
            t.provenance,
            blocking=True,
        )
    else:
        notes.why(
            f"Platelets {platelets:g} x10^9/L: at or above {t.platelets_transfuse_below:g}.",
            t.provenance,
        )


def _liver_disease(ctx: LabContext, notes: Notes) -> None:
    liver, t = ctx.rules.liver_disease, ctx.thresholds
    if liver.judicious_transfusion:
        notes.why(
            "Chronic liver disease: INR reflects bleeding risk poorly; transfuse plasma "
            "or platelets judiciously.",
            liver.provenance,
        )
    if t.fibrinogen_below_mg_dl is None:
        return
    fib = ctx.request.labs.fibrinogen_mg_dl
    if fib is None:
        notes.act(
            f"Check fibrinogen: give cryoprecipitate below {t.fibrinogen_below_mg_dl:g} mg/dL.",
            t.provenance,
        )
    elif fib < t.fibrinogen_below_mg_dl:
        notes.act(
            f"Give cryoprecipitate: fibrinogen {fib:g} mg/dL is below "
            f"{t.fibrinogen_below_mg_dl:g}.",
            t.provenance,
            blocking=True,
        )


def assess_labs(ctx: LabContext, notes: Notes) -> None:
    """Add the lab lines of the plan: draws needed, repeats, corrections and passes."""
    labs, days = ctx.request.labs, ctx.rules.validity.days
    current = _current(ctx, notes)
    inr_rule = _inr_needed(ctx)
    own = ctx.rules.labs_for(ctx.risk)
    recent = ctx.rules.validity.inr_recent_with & ctx.drugs
    if inr_rule is not None and not recent and (labs.inr is None or not current):
        notes.act(f"Draw an INR within {days} days before the start.", inr_rule, blocking=True)
    if own.routine and (labs.platelets_10e9_per_l is None or not current):
        notes.act(
            f"Draw a platelet count within {days} days before the start.",
            own.thresholds.provenance,
            blocking=True,
        )
    if inr_rule is None and not own.routine:
        notes.why(
            "Routine INR and platelet count are not needed for a low-risk procedure.",
            own.thresholds.provenance,
        )
    _check_inr_recency(ctx, notes)
    if labs.inr is not None:
        _judge_inr(ctx, labs.inr, notes)
    if labs.platelets_10e9_per_l is not None:
        _judge_platelets(ctx, labs.platelets_10e9_per_l, notes)
    if ctx.request.chronic_liver_disease:
        _liver_disease(ctx, notes)
