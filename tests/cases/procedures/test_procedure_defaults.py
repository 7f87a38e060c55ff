"""A new procedure record starts from what is known: the work-up's sedation plan and the people
who ran the checklist."""

import pytest

from irsuite.cases.models import CaseRole, SedationType
from irsuite.cases.requests import services
from irsuite.safety.checklist import services as checklist
from irsuite.safety.workup import services as workup

pytestmark = pytest.mark.django_db


def _start(ready_request, persona):
    return services.start_procedure(
        ready_request, by=persona("attending"), override_reason="Gates not under test"
    )


def test_sedation_type_defaults_from_the_workups_sedation_plan(ready_request, persona):
    nurse = persona("nurse")
    found = workup.start_workup(ready_request, by=nurse)
    workup.update_workup(found, {"sedation_plan": "moderate"}, by=nurse)
    procedure = _start(ready_request, persona)
    assert procedure.sedation_type == SedationType.MODERATE


def test_without_a_plan_the_procedure_keeps_its_usual_sedation_type(ready_request, persona):
    assert _start(ready_request, persona).sedation_type == SedationType.LOCAL


def test_the_nurse_who_ran_the_checklist_joins_the_team(ready_request, persona):
    nurse = persona("nurse")
    checklist.answer_item(ready_request, item_id="identity_confirmed", value="confirmed", by=nurse)
    procedure = _start(ready_request, persona)
    team = {(m.staff.user, m.role) for m in procedure.team.select_related("staff__user")}
    assert (nurse, CaseRole.NURSE) in team
