"""Adverse-event severity scales and the validation of (scale, grade) pairs.

An adverse event carries one or more (scale, grade) pairs, each graded by a person on that
scale. irsuite never converts a grade from one scale to another: the scales do not map onto
each other one to one. The scales themselves (wording, which grades count as major, which
fields a grade needs) are reference data in ``ae_scales.toml``, parsed here from a dict.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass


class AeScale(enum.Enum):
    """Published adverse-event classifications."""

    SIR_2017 = "sir_2017"  # Khalilzadeh et al., JVIR 2017
    SIR_LEGACY = "sir_legacy"  # SIR A-F outcome classification
    CIRSE_2017 = "cirse_2017"  # Filippiadis et al., CVIR 2017


class AeField(enum.Enum):
    """Fields of an adverse-event record that a grade can require."""

    DESCRIPTION = "description"
    ONSET_DATE = "onset_date"
    TREATMENT = "treatment"
    OUTCOME = "outcome"
    LENGTH_OF_STAY = "length_of_stay"
    SEQUELAE = "sequelae"
    DATE_OF_DEATH = "date_of_death"


@dataclass(frozen=True)
class Grade:
    """One grade of a scale, in the order of severity given by ``rank`` (1 = least severe)."""

    code: str
    label: str
    wording: str
    rank: int
    major: bool
    requires: frozenset[AeField]


@dataclass(frozen=True)
class ScaleDefinition:
    """A scale with its grades and provenance."""

    scale: AeScale
    label: str
    source: str
    verified: bool
    major_verified: bool
    grades: tuple[Grade, ...]

    def grade(self, code: str) -> Grade | None:
        """The grade with this code, or None when the scale has no such grade."""
        return next((g for g in self.grades if g.code == code), None)


@dataclass(frozen=True)
class ScaleBook:
    """All scales known to the department, by scale."""

    version: str
    scales: Mapping[AeScale, ScaleDefinition]

    def definition(self, scale: AeScale) -> ScaleDefinition:
        """The definition of ``scale`` (KeyError when the reference data lacks it)."""
        return self.scales[scale]


@dataclass(frozen=True)
class Grading:
    """One (scale, grade) pair given to an adverse event."""

    scale: AeScale
    grade: str


class GradingError(ValueError):
    """A grading that cannot be recorded; ``problems`` says everything that is wrong."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


def _parse_grade(raw: Mapping[str, object], rank: int) -> Grade:
    requires = raw.get("requires", [])
    if not isinstance(requires, list):
        raise ValueError(f"grade {raw.get('code')!r}: requires must be a list")
    return Grade(
        code=str(raw["code"]),
        label=str(raw["label"]),
        wording=str(raw["wording"]),
        rank=rank,
        major=bool(raw["major"]),
        requires=frozenset(AeField(str(f)) for f in requires),
    )


def _parse_scale(raw: Mapping[str, object]) -> ScaleDefinition:
    grades_raw = raw.get("grade", [])
    if not isinstance(grades_raw, list) or not grades_raw:
        raise ValueError(f"scale {raw.get('code')!r} has no grades")
    grades = tuple(_parse_grade(g, i) for i, g in enumerate(grades_raw, start=1))
    if len({g.code for g in grades}) != len(grades):
        raise ValueError(f"scale {raw.get('code')!r} repeats a grade code")
    return ScaleDefinition(
        scale=AeScale(str(raw["code"])),
        label=str(raw["label"]),
        source=str(raw["source"]),
        verified=bool(raw["verified"]),
        major_verified=bool(raw.get("major_verified", raw["verified"])),
        grades=grades,
    )


def parse_scale_book(data: Mapping[str, object]) -> ScaleBook:
    """Parse the decoded ``ae_scales.toml`` into a ScaleBook."""
    meta = data.get("meta", {})
    version = str(meta.get("version", "")) if isinstance(meta, dict) else ""
    scales_raw = data.get("scale", [])
    if not isinstance(scales_raw, list):
        raise ValueError("ae scales: [[scale]] tables expected")
    scales: dict[AeScale, ScaleDefinition] = {}
    for raw in scales_raw:
        definition = _parse_scale(raw)
        if definition.scale in scales:
            raise ValueError(f"ae scales: {definition.scale.value} appears twice")
        scales[definition.scale] = definition
    return ScaleBook(version, scales)


def _pair_problems(
    book: ScaleBook, pair: tuple[str, str], present: Collection[AeField]
) -> tuple[AeScale | None, list[str]]:
    scale_code, grade_code = pair
    try:
        scale = AeScale(scale_code)
    except ValueError:
        return None, [f"unknown scale {scale_code!r}"]
    definition = book.scales.get(scale)
    if definition is None:
        return scale, [f"scale {scale_code!r} is not in the reference data"]
    grade = definition.grade(grade_code)
    if grade is None:
        allowed = ", ".join(g.code for g in definition.grades)
        return scale, [f"grade {grade_code!r} is not on the {definition.label} ({allowed})"]
    missing = sorted(f.value for f in grade.requires if f not in present)
    if missing:
        return scale, [f"{definition.label} grade {grade_code} needs: {', '.join(missing)}"]
    return scale, []


def grading_problems(
    book: ScaleBook, pairs: Iterable[tuple[str, str]], present: Collection[AeField]
) -> list[str]:
    """Everything wrong with these (scale, grade) pairs, given the fields filled in.

    Refused: no pair at all, an unknown scale, a grade outside its scale, the same scale twice,
    and a grade whose required fields are missing.
    """
    pairs = list(pairs)
    if not pairs:
        return ["an adverse event needs at least one (scale, grade) pair"]
    problems: list[str] = []
    seen: set[AeScale] = set()
    for pair in pairs:
        scale, found = _pair_problems(book, pair, present)
        problems.extend(found)
        if scale is not None and scale in seen:
            problems.append(f"scale {scale.value!r} is graded twice")
        if scale is not None:
            seen.add(scale)
    return problems


def validate_grading(
    book: ScaleBook, pairs: Iterable[tuple[str, str]], present: Collection[AeField]
) -> list[Grading]:
    """Return the pairs as Gradings, or raise GradingError listing every problem."""
    pairs = list(pairs)
    problems = grading_problems(book, pairs, present)
    if problems:
        raise GradingError(problems)
    return [Grading(AeScale(s), g) for s, g in pairs]


def is_major(book: ScaleBook, gradings: Iterable[Grading]) -> bool:
    """True when any grading is a major complication on its own scale."""
    return any(_grade_of(book, g).major for g in gradings)


def _grade_of(book: ScaleBook, grading: Grading) -> Grade:
    grade = book.definition(grading.scale).grade(grading.grade)
    if grade is None:
        raise GradingError([f"grade {grading.grade!r} is not on scale {grading.scale.value!r}"])
    return grade


def at_or_above(book: ScaleBook, grading: Grading, threshold: Grading) -> bool:
    """True when ``grading`` is at least as severe as ``threshold`` on the same scale.

    Gradings on different scales are never compared (that would be a conversion): False.
    """
    if grading.scale is not threshold.scale:
        return False
    return _grade_of(book, grading).rank >= _grade_of(book, threshold).rank


def any_at_or_above(
    book: ScaleBook, gradings: Iterable[Grading], thresholds: Iterable[Grading]
) -> bool:
    """True when any grading reaches the threshold configured for its own scale."""
    limits = list(thresholds)
    return any(at_or_above(book, g, t) for g in gradings for t in limits)
