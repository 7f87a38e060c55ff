"""Adverse-event scales as reference data and the validation of (scale, grade) pairs."""

import tomllib
from pathlib import Path

import pytest

import irsuite.domain.ae_scales as ae_scales_module
from irsuite.domain.ae_scales import (
    AeField,
    AeScale,
    Grading,
    GradingError,
    any_at_or_above,
    at_or_above,
    grading_problems,
    is_major,
    parse_scale_book,
    validate_grading,
)

DATA = Path(__file__).parents[3] / "src/irsuite/reference/data/ae_scales.toml"
BOOK = parse_scale_book(tomllib.loads(DATA.read_text(encoding="utf-8")))
ALL_FIELDS = set(AeField)


def test_the_reference_data_holds_the_three_scales_with_their_grades():
    codes = {s: [g.code for g in d.grades] for s, d in BOOK.scales.items()}
    assert codes == {
        AeScale.SIR_2017: ["1", "2", "3", "4", "5"],
        AeScale.SIR_LEGACY: ["A", "B", "C", "D", "E", "F"],
        AeScale.CIRSE_2017: ["1", "2", "3", "4", "5", "6"],
    }


def test_every_scale_carries_its_source_and_sir_2017_wording_is_marked_unverified():
    for definition in BOOK.scales.values():
        assert definition.source
        assert all(g.wording for g in definition.grades)
    assert BOOK.definition(AeScale.SIR_2017).verified is False


def test_legacy_c_to_f_are_major_and_a_b_minor():
    legacy = BOOK.definition(AeScale.SIR_LEGACY)
    assert [g.code for g in legacy.grades if g.major] == ["C", "D", "E", "F"]


def test_death_grades_require_a_date_of_death():
    for scale, code in [
        (AeScale.SIR_2017, "5"),
        (AeScale.SIR_LEGACY, "F"),
        (AeScale.CIRSE_2017, "6"),
    ]:
        grade = BOOK.definition(scale).grade(code)
        assert grade is not None and AeField.DATE_OF_DEATH in grade.requires


def test_a_grade_outside_its_scale_is_refused():
    with pytest.raises(GradingError, match="not on the SIR outcome classification"):
        validate_grading(BOOK, [("sir_legacy", "G")], ALL_FIELDS)
    with pytest.raises(GradingError, match="grade '6'"):
        validate_grading(BOOK, [("sir_2017", "6")], ALL_FIELDS)


def test_an_unknown_scale_is_refused():
    assert grading_problems(BOOK, [("ctcae_5", "3")], ALL_FIELDS) == ["unknown scale 'ctcae_5'"]


def test_an_event_needs_at_least_one_grading():
    with pytest.raises(GradingError, match="at least one"):
        validate_grading(BOOK, [], ALL_FIELDS)


def test_the_same_scale_cannot_be_graded_twice():
    problems = grading_problems(BOOK, [("sir_2017", "2"), ("sir_2017", "3")], ALL_FIELDS)
    assert problems == ["scale 'sir_2017' is graded twice"]


def test_a_severe_grade_without_treatment_and_outcome_is_refused_with_the_missing_fields():
    present = {AeField.DESCRIPTION, AeField.ONSET_DATE}
    with pytest.raises(GradingError) as caught:
        validate_grading(BOOK, [("sir_2017", "3")], present)
    assert caught.value.problems == [
        "SIR adverse event severity (2017) grade 3 needs: outcome, treatment"
    ]


def test_a_mild_grade_needs_only_a_description_and_onset():
    present = {AeField.DESCRIPTION, AeField.ONSET_DATE}
    assert validate_grading(BOOK, [("sir_2017", "1")], present) == [Grading(AeScale.SIR_2017, "1")]


def test_several_scales_are_kept_side_by_side_without_conversion():
    gradings = validate_grading(BOOK, [("sir_2017", "3"), ("cirse_2017", "3")], ALL_FIELDS)
    assert gradings == [Grading(AeScale.SIR_2017, "3"), Grading(AeScale.CIRSE_2017, "3")]
    own = [
        name
        for name, value in vars(ae_scales_module).items()
        if callable(value) and getattr(value, "__module__", "") == ae_scales_module.__name__
    ]
    assert "validate_grading" in own
    assert not [name for name in own if "convert" in name.lower() or "map" in name.lower()]


def test_major_is_read_from_each_grading_on_its_own_scale():
    assert is_major(BOOK, [Grading(AeScale.SIR_LEGACY, "C")])
    assert not is_major(BOOK, [Grading(AeScale.SIR_LEGACY, "B"), Grading(AeScale.SIR_2017, "2")])


def test_severity_thresholds_compare_only_within_one_scale():
    threshold = Grading(AeScale.SIR_2017, "3")
    assert at_or_above(BOOK, Grading(AeScale.SIR_2017, "4"), threshold)
    assert not at_or_above(BOOK, Grading(AeScale.SIR_2017, "2"), threshold)
    assert not at_or_above(BOOK, Grading(AeScale.CIRSE_2017, "6"), threshold)
    thresholds = [threshold, Grading(AeScale.SIR_LEGACY, "D")]
    assert any_at_or_above(BOOK, [Grading(AeScale.SIR_LEGACY, "E")], thresholds)
    assert not any_at_or_above(BOOK, [Grading(AeScale.SIR_LEGACY, "C")], thresholds)


def test_a_scale_book_with_a_repeated_grade_is_refused():
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    data["scale"][0]["grade"].append(dict(data["scale"][0]["grade"][0]))
    with pytest.raises(ValueError, match="repeats a grade"):
        parse_scale_book(data)
