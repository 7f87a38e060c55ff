"""The programme a trainee's case log is measured against before any enrolment: by staff role,
read from caselog_minimums.toml."""

import pytest

from irsuite.outcomes.caselog.queries import case_log
from irsuite.outcomes.caselog.services import enrol_trainee
from irsuite.outcomes.reference import default_programmes

pytestmark = pytest.mark.django_db


def test_the_default_programmes_are_read_from_the_reference_file():
    defaults = default_programmes()
    assert defaults.by_role == {"resident": "ir_integrated", "fellow": "ir_fellowship"}
    assert defaults.fallback == "ir_fellowship"
    assert defaults.verified is False and defaults.source


def test_each_trainee_role_gets_the_programme_the_file_names(persona, catalogue):
    assert case_log(persona("resident").staff).minimums.programme == "ir_integrated"
    assert case_log(persona("fellow").staff).minimums.programme == "ir_fellowship"
    assert case_log(persona("app").staff).minimums.programme == "ir_fellowship"


def test_changing_the_file_changes_the_programme_of_a_role_and_the_fallback(
    persona, catalogue, edited_reference
):
    def edit(data):
        data["default_programme"]["by_role"]["resident"] = "ir_fellowship"
        data["default_programme"]["fallback"] = "ir_integrated"

    edited_reference("caselog_minimums.toml", edit)
    assert case_log(persona("resident").staff).minimums.programme == "ir_fellowship"
    assert case_log(persona("app").staff).minimums.programme == "ir_integrated"


def test_an_enrolment_overrides_the_default_programme(persona, catalogue):
    resident = persona("resident").staff
    enrol_trainee(resident, programme="ir_fellowship", by=persona("attending"))
    assert case_log(resident).minimums.programme == "ir_fellowship"


def test_a_default_that_names_no_programme_of_the_file_is_refused(edited_reference):
    edited_reference(
        "caselog_minimums.toml",
        lambda data: data["default_programme"]["by_role"].update(resident="ir_unknown"),
    )
    with pytest.raises(ValueError, match="ir_unknown"):
        default_programmes()
