import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from irsuite.domain.catalogue import parse_entry
from irsuite.domain.report_template import (
    ReportTemplates,
    Section,
    TextSource,
    missing_sections,
    parse_report_templates,
    prefill_report,
    signing_problems,
    template_for,
)

DATA = Path(__file__).parents[2] / "src/irsuite/reference/data/report_templates.toml"


@pytest.fixture(scope="module")
def templates() -> ReportTemplates:
    return parse_report_templates(tomllib.loads(DATA.read_text()))


def entry(code="PCN", family="non_vascular", fluoro=True):
    return parse_entry(
        {
            "code": code,
            "name": "Percutaneous nephrostomy" if code == "PCN" else "Image-guided biopsy",
            "family": family,
            "vascular": family != "non_vascular",
            "bleeding_risk": "high",
            "fluoro_dose_expected": fluoro,
            "default_duration_min": 60,
            "room_capability": "fluoroscopy",
            "source": "test",
        }
    )


FULL_CASE = {
    "indication": "Obstructed left kidney with fever.",
    "consent": {
        "signed": True,
        "signed_by": "the patient",
        "consented_by": "Dr Attending",
        "signed_at": datetime(2026, 11, 23, 8, 5, tzinfo=UTC),
        "interpreter": "Ms Interpreter (Portuguese)",
    },
    "sedation": {
        "kind": "moderate",
        "by": "Nurse Sedation",
        "max_ramsay": 3,
        "drugs": [
            {"name": "Midazolam", "dose": 2, "unit": "mg", "route": "intravenous"},
            {"name": "Fentanyl", "dose": 50, "unit": "micrograms"},
        ],
    },
    "time_out": {"completed_at": "2026-11-23 08:40", "by": "Nurse Circulating"},
    "access": [
        {"side": "left", "site": "posterior flank", "guidance": "ultrasound", "sheath_fr": 8}
    ],
    "devices": [{"name": "Locking pigtail nephrostomy catheter", "size": "8 F", "quantity": 1}],
    "findings": "Dilated collecting system; turbid urine aspirated and sent for culture.",
    "complications": [],
    "dose": {"ka_r_mgy": 35.5, "kap_gycm2": 4.2, "fluoro_time_s": 192},
    "impression": "Successful left nephrostomy.",
    "orders": ["Free drainage, record output hourly for 4 hours."],
    "follow_up": [{"after_days": 14, "text": "Review nephrostomy drainage."}],
}


def test_the_report_has_the_twelve_sections_in_order(templates):
    assert [s.section for s in templates.sections] == list(Section)
    assert templates.sections[0].heading == "Indication"


def test_an_entry_gets_its_own_starting_text_over_its_family(templates):
    pcn = template_for(templates, entry("PCN"))
    assert "posterior calyx" in pcn.starting_text[Section.TECHNIQUE]
    biopsy = template_for(templates, entry("BX-LIVER"))
    assert biopsy.starting_text[Section.TECHNIQUE].startswith("After local anaesthetic, the target")


def test_radiation_dose_is_required_only_when_fluoroscopy_dose_is_expected(templates):
    with_dose = {
        s.section: s.required for s in template_for(templates, entry(fluoro=True)).sections
    }
    without = {s.section: s.required for s in template_for(templates, entry(fluoro=False)).sections}
    assert with_dose[Section.RADIATION_DOSE] is True
    assert without[Section.RADIATION_DOSE] is False


def test_it_prefills_every_section_the_case_record_knows(templates):
    draft = prefill_report(template_for(templates, entry()), FULL_CASE)
    assert draft.text(Section.INDICATION) == "Obstructed left kidney with fever."
    assert draft.text(Section.CONSENT) == (
        "Written informed consent was obtained from the patient by Dr Attending on "
        "2026-11-23 08:05, after discussion of the risks, benefits and alternatives, "
        "including no treatment. Interpreter: Ms Interpreter (Portuguese)."
    )
    assert draft.text(Section.SEDATION) == (
        "Moderate sedation, given by Nurse Sedation: Midazolam 2 mg intravenous, "
        "Fentanyl 50 micrograms. "
        "Deepest Ramsay level 3."
    )
    assert "time-out completed at 2026-11-23 08:40" in draft.text(Section.TIME_OUT)
    assert draft.text(Section.ACCESS) == "Left posterior flank, ultrasound guidance, 8 F sheath."
    assert draft.text(Section.DEVICES) == "- Locking pigtail nephrostomy catheter 8 F"
    assert draft.text(Section.COMPLICATIONS) == "None immediate."
    assert draft.text(Section.RADIATION_DOSE) == (
        "Reference air kerma 35.5 mGy; kerma-area product 4.2 Gy·cm²; fluoroscopy time 3 min 12 s."
    )
    assert missing_sections(draft) == ()


def test_the_plan_joins_template_orders_and_catalogue_follow_up(templates):
    plan = prefill_report(template_for(templates, entry()), FULL_CASE).text(Section.PLAN)
    lines = plan.splitlines()
    assert lines[0].startswith("Free drainage to a bag.")
    assert lines[1] == "- Free drainage, record output hourly for 4 hours."
    assert lines[2] == "- Follow-up in 14 days: Review nephrostomy drainage."


def test_it_never_invents_what_the_case_record_does_not_hold(templates):
    draft = prefill_report(template_for(templates, entry()), {})
    sources = {s.spec.section: s.source for s in draft.sections}
    assert sources[Section.TECHNIQUE] is TextSource.TEMPLATE
    assert sources[Section.FINDINGS] is TextSource.EMPTY
    assert sources[Section.COMPLICATIONS] is TextSource.EMPTY
    assert draft.text(Section.CONSENT) == ""
    missing = {s.section for s in missing_sections(draft)}
    assert missing == {
        Section.INDICATION,
        Section.CONSENT,
        Section.TIME_OUT,
        Section.FINDINGS,
        Section.COMPLICATIONS,
        Section.RADIATION_DOSE,
        Section.IMPRESSION,
    }


def test_an_unsigned_consent_is_not_reported_as_obtained(templates):
    case = {"consent": {"signed": False, "consented_by": "Dr Attending"}}
    draft = prefill_report(template_for(templates, entry()), case)
    assert draft.text(Section.CONSENT) == ""
    assert "Fill the section 'Consent' before signing." in signing_problems(draft)


def test_complications_list_each_event_with_its_grades(templates):
    case = {
        "complications": [
            {
                "text": "Haematuria needing transfusion",
                "grades": [["SIR 2017", "2"], ["CIRSE", "3"]],
            }
        ]
    }
    draft = prefill_report(template_for(templates, entry()), case)
    assert draft.text(Section.COMPLICATIONS) == (
        "- Haematuria needing transfusion (SIR 2017 2; CIRSE 3)"
    )


def test_dose_alerts_given_by_the_dose_service_are_carried_into_the_report(templates):
    case = {"dose": {"ka_r_mgy": 5200, "alerts": ["Above the substantial radiation dose level."]}}
    text = prefill_report(template_for(templates, entry()), case).text(Section.RADIATION_DOSE)
    assert text == "Reference air kerma 5200 mGy. Above the substantial radiation dose level."


def test_local_anaesthetic_only_reads_as_such(templates):
    draft = prefill_report(template_for(templates, entry()), {"sedation": {"kind": "local"}})
    assert draft.text(Section.SEDATION) == "Local anaesthetic only."


def test_attending_edits_replace_a_section_and_show_in_the_text_form(templates):
    draft = prefill_report(template_for(templates, entry()), FULL_CASE)
    edited = draft.with_text(Section.FINDINGS, "Pus aspirated.")
    assert edited.text(Section.FINDINGS) == "Pus aspirated."
    assert draft.text(Section.FINDINGS) != "Pus aspirated."
    text = edited.as_text()
    assert text.startswith("Percutaneous nephrostomy\n\nINDICATION\n")
    assert "FINDINGS\nPus aspirated." in text


def test_the_parser_refuses_sections_out_of_order():
    data = tomllib.loads(DATA.read_text())
    data["section"].reverse()
    with pytest.raises(ValueError, match="in order"):
        parse_report_templates(data)


def test_the_parser_refuses_a_template_naming_both_a_code_and_a_family():
    data = tomllib.loads(DATA.read_text())
    data["template"][0]["code"] = "PCN"
    with pytest.raises(ValueError, match="either a code or a family"):
        parse_report_templates(data)


CATALOGUE = Path(__file__).parents[2] / "src/irsuite/reference/data/catalogue.toml"


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the procedure catalogue is not present")
def test_every_catalogue_entry_gets_starting_technique_text(templates):
    from irsuite.domain.catalogue import parse_catalogue

    catalogue = parse_catalogue(tomllib.loads(CATALOGUE.read_text()))
    for item in catalogue.entries:
        template = template_for(templates, item)
        assert template.starting_text.get(Section.TECHNIQUE), item.code
