"""A new procedure record starts from what is known: the work-up's sedation plan, the booking's
operator and the people who ran the checklist."""

import pytest
from django.utils import timezone

from irsuite.audit.models import AuditEvent
from irsuite.cases import hooks
from irsuite.cases.models import CaseRole, RequestStatus, SedationType
from irsuite.cases.procedures import services as ps
from irsuite.cases.procedures.models import OPERATOR_CASE_ROLES
from irsuite.cases.requests import services
from irsuite.errors import Conflict
from irsuite.safety.checklist import services as checklist
from irsuite.safety.workup import services as workup
from irsuite.scheduling.booking import services as booking

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


def _booked_and_ready(vetted_request, room, persona, operator):  # type: ignore[no-untyped-def]
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    booking.book(vetted_request, room=room, start=start, by=persona("scheduler"), operator=operator)
    vetted_request.refresh_from_db()
    return services.transition(
        vetted_request,
        RequestStatus.READY,
        by=persona("attending"),
        reason="Bleeding-risk plan not under test",
    )


def _operators(procedure):  # type: ignore[no-untyped-def]
    team = procedure.team.select_related("staff").filter(role__in=OPERATOR_CASE_ROLES)
    return [(m.staff, m.role) for m in team]


def test_the_booked_operator_joins_the_team_as_primary_operator(vetted_request, room, persona):
    operator = persona("attending", "Booked Operator").staff
    ready = _booked_and_ready(vetted_request, room, persona, operator)
    procedure = _start(ready, persona)
    assert _operators(procedure) == [(operator, CaseRole.ATTENDING_OPERATOR)]
    joined = AuditEvent.objects.filter(summary="team member from the booking or checklist")
    assert joined.count() == 1


def test_a_booked_fellow_joins_as_the_trainee_primary_operator(vetted_request, room, persona):
    fellow = persona("fellow").staff
    procedure = _start(_booked_and_ready(vetted_request, room, persona, fellow), persona)
    assert _operators(procedure) == [(fellow, CaseRole.TRAINEE_PRIMARY)]


def test_the_booked_operator_does_not_join_a_team_that_already_has_an_operator(
    vetted_request, room, persona, monkeypatch
):
    first = persona("attending", "First Named").staff
    booked = persona("attending", "Booked Operator").staff
    named_first = [
        lambda request: hooks.ProcedureStart(team=((first, CaseRole.ATTENDING_OPERATOR),))
    ]
    monkeypatch.setattr(hooks, "PROCEDURE_DEFAULTS", named_first + hooks.PROCEDURE_DEFAULTS)
    procedure = _start(_booked_and_ready(vetted_request, room, persona, booked), persona)
    assert _operators(procedure) == [(first, CaseRole.ATTENDING_OPERATOR)]


def test_without_a_booked_operator_no_operator_joins_the_team(ready_request, persona):
    assert _operators(_start(ready_request, persona)) == []


def test_an_operator_added_by_hand_after_the_start_is_refused_as_a_duplicate(
    vetted_request, room, persona
):
    operator = persona("attending", "Booked Operator").staff
    procedure = _start(_booked_and_ready(vetted_request, room, persona, operator), persona)
    with pytest.raises(Conflict, match="already on the team"):
        ps.add_team_member(
            procedure, staff=operator, role=CaseRole.ATTENDING_OPERATOR, by=persona("attending")
        )
