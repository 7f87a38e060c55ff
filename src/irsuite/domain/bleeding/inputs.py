"""What the planner is asked, and the checks that refuse input it cannot plan from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from irsuite.domain.bleeding.enums import ArterialAccess
from irsuite.domain.bleeding.parse import normalise_name
from irsuite.domain.bleeding.rules import BleedingRules, DrugRule, ValueRange
from irsuite.domain.catalogue import BleedingRiskClass


@dataclass(frozen=True)
class Procedure:
    """The catalogue entry being planned: its code and catalogue bleeding-risk class."""

    code: str
    risk: BleedingRiskClass
    name: str = ""
    source: str = "irsuite procedure catalogue"
    verified: bool = False


@dataclass(frozen=True)
class Labs:
    """Latest coagulation results and when the sample was taken."""

    inr: float | None = None
    platelets_10e9_per_l: float | None = None
    taken_at: datetime | None = None
    fibrinogen_mg_dl: float | None = None

    @property
    def any_value(self) -> bool:
        """True when at least one result is given."""
        return any(
            v is not None for v in (self.inr, self.platelets_10e9_per_l, self.fibrinogen_mg_dl)
        )


@dataclass(frozen=True)
class Medication:
    """A drug the patient takes, as written by the clinician, with the last dose time."""

    drug: str
    dose: str | None = None
    last_dose_at: datetime | None = None


@dataclass(frozen=True)
class PlanInput:
    """Everything the plan depends on. ``now`` is passed in: the domain reads no clock."""

    procedure: Procedure
    scheduled_at: datetime
    now: datetime
    labs: Labs = field(default_factory=Labs)
    medications: tuple[Medication, ...] = ()
    arterial_sheath_fr: float | None = None
    arterial_access: ArterialAccess | None = None
    crcl_ml_min: float | None = None
    chronic_liver_disease: bool = False


@dataclass(frozen=True)
class Problem:
    """One reason the input was refused: the field and what to fix."""

    field: str
    message: str


class PlanInputError(ValueError):
    """The input cannot give a safe plan; ``problems`` says what to fix, field by field."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


class UnknownDrugError(PlanInputError):
    """A medication names a drug the rules do not know; ``drugs`` lists the names."""

    def __init__(self, problems: tuple[Problem, ...], drugs: tuple[str, ...]) -> None:
        self.drugs = drugs
        super().__init__(problems)


@dataclass(frozen=True)
class ResolvedMedication:
    """A medication matched to its drug rule; ``ask`` is set when the name was ambiguous."""

    medication: Medication
    drug: DrugRule
    ask: str | None = None


def resolve_drug(name: str, rules: BleedingRules) -> tuple[DrugRule, str | None] | None:
    """Find the drug rule for a written name (generic, brand or synonym; any case).

    Returns the rule and, for an ambiguous name, the question to put to the prescriber;
    ``None`` when the name is unknown.
    """
    key = normalise_name(name)
    if key in rules.names:
        return rules.drugs[rules.names[key]], None
    if key in rules.ambiguous:
        entry = rules.ambiguous[key]
        return rules.drugs[entry.assume], entry.ask
    return None


def _aware(value: datetime | None, name: str, problems: list[Problem]) -> bool:
    if value is None:
        return False
    if value.tzinfo is None or value.utcoffset() is None:
        problems.append(Problem(name, "give the time with its UTC offset (for example +00:00)."))
        return False
    return True


def _in_range(
    value: float | None, allowed: ValueRange, name: str, unit: str, problems: list[Problem]
) -> None:
    if value is not None and not allowed.contains(value):
        problems.append(
            Problem(
                name,
                f"{value:g}{unit} is outside the plausible range {allowed.low:g}-{allowed.high:g}"
                f"{unit}; check the value and its unit.",
            )
        )


def _check_times(request: PlanInput, problems: list[Problem]) -> None:
    now_ok = _aware(request.now, "now", problems)
    scheduled_ok = _aware(request.scheduled_at, "scheduled_at", problems)
    if scheduled_ok and now_ok and request.scheduled_at < request.now:
        problems.append(
            Problem("scheduled_at", "the scheduled time is in the past; give the new date.")
        )
    if _aware(request.labs.taken_at, "labs.taken_at", problems) and now_ok:
        assert request.labs.taken_at is not None
        if request.labs.taken_at > request.now:
            problems.append(
                Problem("labs.taken_at", "the sample time is in the future; check the date.")
            )
    for i, med in enumerate(request.medications):
        name = f"medications[{i}].last_dose_at"
        if _aware(med.last_dose_at, name, problems) and now_ok:
            assert med.last_dose_at is not None
            if med.last_dose_at > request.now:
                problems.append(
                    Problem(name, f"the last dose of {med.drug} is in the future; check the time.")
                )


def _check_values(request: PlanInput, rules: BleedingRules, problems: list[Problem]) -> None:
    p = rules.plausible
    _in_range(request.labs.inr, p.inr, "labs.inr", "", problems)
    _in_range(
        request.labs.platelets_10e9_per_l,
        p.platelets,
        "labs.platelets_10e9_per_l",
        " x10^9/L",
        problems,
    )
    _in_range(
        request.labs.fibrinogen_mg_dl, p.fibrinogen, "labs.fibrinogen_mg_dl", " mg/dL", problems
    )
    _in_range(request.crcl_ml_min, p.crcl, "crcl_ml_min", " mL/min", problems)
    _in_range(request.arterial_sheath_fr, p.sheath_fr, "arterial_sheath_fr", " F", problems)


def validate(request: PlanInput, rules: BleedingRules) -> tuple[ResolvedMedication, ...]:
    """Check the input and match each medication to its drug rule.

    Raises :class:`UnknownDrugError` when a drug is not known, else :class:`PlanInputError`
    listing every problem found (implausible values, times in the wrong place, naive times).
    """
    problems: list[Problem] = []
    _check_times(request, problems)
    _check_values(request, rules, problems)
    resolved: list[ResolvedMedication] = []
    unknown: list[str] = []
    for i, med in enumerate(request.medications):
        found = resolve_drug(med.drug, rules)
        if found is None:
            unknown.append(med.drug)
            problems.append(
                Problem(
                    f"medications[{i}].drug",
                    f"unknown drug {med.drug!r}; use a generic name the rules list "
                    f"({', '.join(sorted(rules.drugs))}).",
                )
            )
        else:
            resolved.append(ResolvedMedication(med, found[0], found[1]))
    if unknown:
        raise UnknownDrugError(tuple(problems), tuple(unknown))
    if problems:
        raise PlanInputError(tuple(problems))
    return tuple(resolved)
