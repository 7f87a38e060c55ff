import pytest

from irsuite.domain.checklist import AnswerType, Phase
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.safety.checklist import services as cl
from irsuite.safety.checklist.models import ChecklistAnswer
from irsuite.safety.consent import services as cs
from irsuite.safety.reference import checklist_definition


@pytest.fixture
def consented(ready_request, persona, signature_url):
    consent = cs.start_consent(ready_request, by=persona("attending"))
    cs.sign_on_tablet(
        consent,
        signature=signature_url,
        signer=cs.SignerDetails(name="Ada"),
        by=persona("attending"),
    )
    return ready_request


def run_phase(request, phase, user):
    facts = cl.case_facts(request)
    for item in checklist_definition().items_for(phase, facts):
        value = "none" if item.answer_type is AnswerType.TEXT else item.accept[0]
        if item.id == cl.DOSE_RECORDED:
            value = "na"  # no procedure record here, so no dose on record ("yes" is refused)
        cl.answer_item(request, item_id=item.id, value=value, by=user)
    return cl.complete_phase(request, phase=phase.value, by=user)


def test_a_nurse_runs_the_whole_checklist_for_a_consented_cleared_marked_case(
    consented, persona, bleeding_plan
):
    nurse = persona("nurse")
    cl.mark_site(consented, note="left flank", by=nurse)
    for phase in Phase:
        state = run_phase(consented, phase, nurse)
    assert state.completed[Phase.SIGN_OUT].by == nurse.staff.display_name
    answer = ChecklistAnswer.objects.get(item_id="team_introduced")
    assert answer.by == nurse.staff and answer.at is not None


def test_the_time_out_is_refused_without_consent_with_the_reason(
    ready_request, persona, bleeding_plan
):
    with pytest.raises(ValidationFailed) as refused:
        cl.complete_phase(ready_request, phase="time_out", by=persona("nurse"))
    problems = refused.value.detail["problems"]
    assert "consent_signed" in {p["precondition"] for p in problems}
    assert "sign the consent form" in refused.value.message


def test_the_time_out_is_refused_when_consent_is_withdrawn_after_sign_in(
    consented, persona, bleeding_plan
):
    nurse = persona("nurse")
    cl.mark_site(consented, note="left", by=nurse)
    run_phase(consented, Phase.SIGN_IN, nurse)
    facts = cl.case_facts(consented)
    for item in checklist_definition().items_for(Phase.TIME_OUT, facts):
        value = "none" if item.answer_type is AnswerType.TEXT else item.accept[0]
        cl.answer_item(consented, item_id=item.id, value=value, by=nurse)
    cs.withdraw_consent(cs.current_consent(consented), reason="Changed mind", by=nurse)
    with pytest.raises(ValidationFailed) as refused:
        cl.complete_phase(consented, phase="time_out", by=nurse)
    assert [p["precondition"] for p in refused.value.detail["problems"]] == ["consent_signed"]


def test_the_time_out_is_refused_while_the_bleeding_plan_is_not_cleared(
    consented, persona, bleeding_plan
):
    bleeding_plan.cleared = False
    with pytest.raises(ValidationFailed, match="bleeding-risk plan is not cleared"):
        cl.answer_item(consented, item_id="bleeding_plan_cleared", value="yes", by=persona("nurse"))


def test_an_unmarked_site_blocks_the_sign_in_item_and_says_to_mark_it(
    consented, persona, bleeding_plan
):
    with pytest.raises(ValidationFailed, match="Mark the site"):
        cl.answer_item(consented, item_id="site_marked", value="yes", by=persona("nurse"))
    cl.mark_site(consented, note="left flank", by=persona("nurse"))
    cl.answer_item(consented, item_id="site_marked", value="yes", by=persona("nurse"))


def test_without_any_registered_check_the_bleeding_plan_counts_as_not_cleared(
    ready_request, monkeypatch
):
    monkeypatch.setattr(cl, "BLEEDING_PLAN_CHECKS", [])
    assert cl.bleeding_plan_cleared(ready_request) is False


def test_a_coder_cannot_fill_the_checklist(ready_request, persona):
    with pytest.raises(NotAllowed):
        cl.answer_item(
            ready_request, item_id="identity_confirmed", value="confirmed", by=persona("coder")
        )


def test_the_checklist_is_closed_once_the_request_is_completed(signed_procedure, persona):
    with pytest.raises(Conflict, match="day of the procedure"):
        cl.answer_item(
            signed_procedure.request,
            item_id="identity_confirmed",
            value="confirmed",
            by=persona("nurse"),
        )


def test_the_view_model_lists_blockers_per_phase(ready_request, persona, bleeding_plan):
    view = cl.checklist_view_model(ready_request)
    assert view["current"] is Phase.SIGN_IN
    time_out = next(p for p in view["phases"] if p["spec"].phase is Phase.TIME_OUT)
    assert any(b.message.startswith("Consent is not recorded") for b in time_out["blockers"])
