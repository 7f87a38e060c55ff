import tomllib
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.catalogue import Consent, ConsentRisk, parse_entry
from irsuite.domain.consent import (
    ConsentContentError,
    ConsentWording,
    describe_risk,
    generate_consent,
    parse_consent_wording,
    parse_frequency,
    verbal_band,
)

DATA = Path(__file__).parents[2] / "src/irsuite/reference/data/report_templates.toml"


@pytest.fixture(scope="module")
def wording() -> ConsentWording:
    return parse_consent_wording(tomllib.loads(DATA.read_text()))


def nephrostomy(**consent):
    raw = {
        "code": "PCN",
        "name": "Percutaneous nephrostomy",
        "family": "non_vascular",
        "vascular": False,
        "bleeding_risk": "high",
        "fluoro_dose_expected": True,
        "default_duration_min": 60,
        "room_capability": "fluoroscopy",
        "source": "test",
        "consent": {
            "benefits": ["Drains blocked urine from the kidney and protects kidney function."],
            "alternatives": ["A stent placed from below through the bladder (cystoscopy)."],
            "risks": [
                {"text": "Bleeding needing a blood transfusion", "frequency": "1 in 100"},
                {"text": "Infection of the urine or blood", "frequency": "1 to 3 in 100"},
                {"text": "Injury to the bowel", "frequency": "1 in 1,000"},
                {"text": "Discomfort where the tube enters the skin", "frequency": ""},
            ],
        },
    }
    raw["consent"].update(consent)
    return parse_entry(raw)


def test_it_phrases_each_risk_with_a_verbal_label_and_a_natural_frequency(wording):
    document = generate_consent(nephrostomy(), wording)
    plain = [r.plain for r in document.risks]
    assert plain[0] == "Bleeding needing a blood transfusion: common, about 1 in 100 people."
    assert plain[1] == "Infection of the urine or blood: common, between 1 and 3 in 100 people."
    assert plain[2] == "Injury to the bowel: uncommon, about 1 in 1,000 people."


def test_a_risk_without_a_known_frequency_says_so_instead_of_guessing(wording):
    document = generate_consent(nephrostomy(), wording)
    last = document.risks[-1]
    assert last.band is None
    assert (
        last.plain
        == "Discomfort where the tube enters the skin: how often this happens is not known."
    )


def test_it_adds_no_treatment_to_the_alternatives_when_the_catalogue_omits_it(wording):
    document = generate_consent(nephrostomy(), wording)
    assert document.alternatives[0].startswith("A stent placed from below")
    assert document.alternatives[-1].startswith("No treatment: you can choose not to have")


def test_it_keeps_the_catalogue_wording_of_no_treatment_when_present(wording):
    own = ["Surgery.", "No treatment: the kidney may stop working."]
    document = generate_consent(nephrostomy(alternatives=own), wording)
    assert document.alternatives == tuple(own)


def test_it_refuses_a_consent_without_risks_and_says_what_to_add(wording):
    entry = nephrostomy(risks=[])
    with pytest.raises(ConsentContentError, match="PCN has no consent risks; add them"):
        generate_consent(entry, wording)


def test_it_refuses_a_consent_without_benefits(wording):
    entry = replace(nephrostomy(), consent=Consent(risks=(ConsentRisk("Bleeding", "1 in 100"),)))
    with pytest.raises(ConsentContentError, match="benefits"):
        generate_consent(entry, wording)


def test_the_text_form_has_every_section_in_order(wording):
    text = generate_consent(nephrostomy(), wording).as_text()
    assert text.startswith("Consent for Percutaneous nephrostomy\n")
    order = [
        "What are the benefits?",
        "- Drains blocked urine",
        "What are the risks?",
        "- Bleeding needing",
        "What are the other options?",
        "- No treatment",
        "Your agreement",
        "- I understand that I can change my mind",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_it_reads_the_usual_ways_of_writing_a_frequency():
    assert parse_frequency("1 in 100").high == Fraction(1, 100)
    assert parse_frequency("About 2 in 1,000").high == Fraction(2, 1000)
    ranged = parse_frequency("1 to 3 in 100")
    assert (ranged.low, ranged.high) == (Fraction(1, 100), Fraction(3, 100))
    assert parse_frequency("1-5 in 10,000").high == Fraction(5, 10000)
    assert parse_frequency("rarely") is None
    assert parse_frequency("") is None
    assert parse_frequency("3 to 1 in 100") is None
    assert parse_frequency("5 in 0") is None


def test_the_verbal_scale_follows_the_reference_bands(wording):
    bands = wording.bands
    assert verbal_band(Fraction(1, 5), bands) == "very common"
    assert verbal_band(Fraction(1, 10), bands) == "very common"
    assert verbal_band(Fraction(1, 11), bands) == "common"
    assert verbal_band(Fraction(1, 500), bands) == "uncommon"
    assert verbal_band(Fraction(1, 5000), bands) == "rare"
    assert verbal_band(Fraction(1, 100000), bands) == "very rare"


@given(st.integers(1, 10000), st.integers(1, 10000))
def test_a_rarer_risk_never_gets_a_more_common_label(a, b):
    bands = parse_consent_wording(tomllib.loads(DATA.read_text())).bands
    labels = [band.label for band in bands]
    rarer, commoner = sorted([Fraction(1, a), Fraction(1, b)])
    assert labels.index(verbal_band(rarer, bands)) >= labels.index(verbal_band(commoner, bands))


def test_an_unreadable_frequency_is_shown_as_written(wording):
    statement = describe_risk(ConsentRisk("Stiffness", "occasionally"), wording)
    assert statement.plain == "Stiffness: occasionally."


def test_the_wording_parser_rejects_bands_without_a_catch_all():
    data = tomllib.loads(DATA.read_text())
    data["consent_form"]["frequency_band"].pop()
    with pytest.raises(ValueError, match="one_in = 0"):
        parse_consent_wording(data)


CATALOGUE = Path(__file__).parents[2] / "src/irsuite/reference/data/catalogue.toml"


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the procedure catalogue is not present")
def test_every_catalogue_entry_yields_a_consent_form_with_a_no_treatment_option(wording):
    from irsuite.domain.catalogue import parse_catalogue

    catalogue = parse_catalogue(tomllib.loads(CATALOGUE.read_text()))
    for entry in catalogue.entries:
        document = generate_consent(entry, wording)
        assert document.risks and document.benefits, entry.code
        assert any(
            "no treatment" in a.lower() or "not to have" in a.lower() for a in document.alternatives
        ), entry.code


def test_less_than_is_phrased_as_such_and_labelled_below_the_boundary(wording):
    statement = describe_risk(ConsentRisk("Stroke", "less than 1 in 1,000"), wording)
    assert statement.plain == "Stroke: rare, less than 1 in 1,000 people."


def test_up_to_is_labelled_by_its_upper_bound(wording):
    statement = describe_risk(ConsentRisk("Bruising", "up to 1 in 10"), wording)
    assert statement.plain == "Bruising: very common, up to 1 in 10 people."


def test_a_frequency_with_more_words_is_shown_as_written_rather_than_cut_short(wording):
    statement = describe_risk(ConsentRisk("Narrowing", "1 in 3 within a year"), wording)
    assert statement.band is None
    assert statement.plain == "Narrowing: 1 in 3 within a year."
