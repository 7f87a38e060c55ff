"""Medication holds: from when to stop each drug, when to restart, and whether the last
dose already breaks the hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from irsuite.domain.bleeding.enums import HoldKind, RiskClass
from irsuite.domain.bleeding.inputs import ResolvedMedication
from irsuite.domain.bleeding.result import Hold, Notes
from irsuite.domain.bleeding.rules import BleedingRules, HoldRule


@dataclass(frozen=True)
class HoldContext:
    """The facts a hold depends on."""

    scheduled_at: datetime
    now: datetime
    risk: RiskClass  # LOW or HIGH
    crcl_ml_min: float | None
    rules: BleedingRules


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _when(moment: datetime) -> str:
    return moment.strftime("%a %d %b %Y %H:%M")


def choose_rule(med: ResolvedMedication, ctx: HoldContext, notes: Notes) -> HoldRule | None:
    """Pick the hold rule for the risk class and renal band.

    Without a CrCl for a renal-dependent drug, the longest hold is chosen and the CrCl is asked
    for (a blocking action). Returns ``None`` when no rule covers the CrCl given.
    """
    candidates = med.drug.holds_for(ctx.risk)
    if not any(rule.renal for rule in candidates):
        return candidates[0]
    if ctx.crcl_ml_min is None:
        longest = max(candidates, key=lambda rule: rule.length_hours)
        notes.act(
            f"Give the creatinine clearance: the {med.drug.label} hold depends on it "
            "(the longest hold is shown until then).",
            longest.provenance,
            blocking=True,
        )
        return longest
    crcl = ctx.crcl_ml_min
    for rule in candidates:
        if rule.covers(crcl):
            return rule
    return None


def hold_start(rule: HoldRule, scheduled_at: datetime) -> datetime:
    """The moment from which no dose may be taken.

    Day holds count whole calendar days before the procedure day (in the scheduled time's
    offset): no dose on those days nor on the day itself.
    """
    if rule.kind is HoldKind.DAYS and rule.days is not None:
        day = scheduled_at.date() - timedelta(days=rule.days)
        return datetime.combine(day, time(0), tzinfo=scheduled_at.tzinfo)
    return scheduled_at - timedelta(hours=rule.hours or 0.0)


def earliest_start(rule: HoldRule, last_dose: datetime, scheduled_at: datetime) -> datetime:
    """The earliest start that keeps the hold, given the last dose actually taken."""
    if rule.kind is HoldKind.DAYS and rule.days is not None:
        local = last_dose.astimezone(scheduled_at.tzinfo)
        day = local.date() + timedelta(days=rule.days + 1)
        return datetime.combine(day, scheduled_at.timetz())
    return last_dose + timedelta(hours=rule.hours or 0.0)


def _check_last_dose(
    med: ResolvedMedication, rule: HoldRule, start: datetime, ctx: HoldContext, notes: Notes
) -> None:
    label, last = med.drug.label, med.medication.last_dose_at
    if last is None:
        if start <= ctx.now:
            notes.act(
                f"Confirm the last dose of {label} was before {_when(start)}: the hold has "
                "already begun.",
                rule.provenance,
                blocking=True,
            )
        return
    if last >= start:
        earliest = earliest_start(rule, last, ctx.scheduled_at)
        notes.act(
            f"The last dose of {label} ({_when(last)}) falls inside the hold from "
            f"{_when(start)}: move the start to {_when(earliest)} or later, or the operator "
            "decides.",
            rule.provenance,
            blocking=True,
        )


def _add_hold(med: ResolvedMedication, rule: HoldRule, ctx: HoldContext, notes: Notes) -> None:
    start = hold_start(rule, ctx.scheduled_at)
    resume = (
        None if rule.resume_hours is None else ctx.scheduled_at + timedelta(hours=rule.resume_hours)
    )
    prov = rule.provenance
    notes.holds.append(
        Hold(
            med.drug.id,
            med.drug.label,
            rule.text,
            start,
            resume,
            prov.rule,
            prov.source,
            prov.verified,
        )
    )
    notes.why(
        f"{med.drug.label}: {_lower(rule.text)} before a {ctx.risk.value}-risk procedure.", prov
    )
    _check_last_dose(med, rule, start, ctx, notes)
    if resume is not None:
        resumption = ctx.rules.resumption
        notes.act(
            f"Restart {med.drug.label} from {_when(resume)}. {resumption.text}.",
            resumption.provenance,
        )


def plan_hold(med: ResolvedMedication, ctx: HoldContext, notes: Notes) -> None:
    """Add the hold of one medication, or the reason it needs none, to ``notes``."""
    if med.ask is not None:
        notes.warn(
            f"{med.medication.drug}: {med.ask}; planned as {med.drug.label} until then.",
            med.drug.holds_for(ctx.risk)[0].provenance,
        )
    rule = choose_rule(med, ctx, notes)
    if rule is None:
        notes.act(
            f"{med.drug.label}: no rule covers CrCl {ctx.crcl_ml_min:g} mL/min; the operator "
            "or pharmacy sets the hold.",
            med.drug.holds_for(ctx.risk)[0].provenance,
            blocking=True,
        )
        return
    if rule.kind is HoldKind.NONE:
        notes.why(
            f"{med.drug.label}: {_lower(rule.text)} for a {ctx.risk.value}-risk procedure.",
            rule.provenance,
        )
    elif rule.kind is HoldKind.CONSULT:
        notes.act(f"{med.drug.label}: {_lower(rule.text)}.", rule.provenance, blocking=True)
    else:
        _add_hold(med, rule, ctx, notes)
    if rule.note:
        notes.act(f"{med.drug.label}: {_lower(rule.note)}.", rule.provenance)
