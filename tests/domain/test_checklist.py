import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from irsuite.domain.checklist import (
    AnswerType,
    CaseFacts,
    ChecklistDefinition,
    ChecklistRefused,
    ChecklistState,
    Phase,
    Precondition,
    ProblemCode,
    Reply,
    answer,
    blockers,
    complete_phase,
    current_phase,
    is_complete,
)
from irsuite.domain.checklist_parse import parse_checklist

DATA = Path(__file__).parents[2] / "src/irsuite/reference/data/checklist.toml"
AT = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
READY = CaseFacts(
    consent_signed=True, bleeding_plan_cleared=True, site_marking_applies=True, site_marked=True
)


@pytest.fixture(scope="module")
def checklist() -> ChecklistDefinition:
    return parse_checklist(tomllib.loads(DATA.read_text()))


def accepted_value(checklist: ChecklistDefinition, item_id: str) -> str:
    item = checklist.item(item_id)
    assert item is not None
    if item.answer_type is AnswerType.TEXT:
        return "none"
    return item.accept[0]


def answer_phase(
    checklist: ChecklistDefinition, state: ChecklistState, facts: CaseFacts, phase: Phase
) -> ChecklistState:
    for item in checklist.items_for(phase, facts):
        value = accepted_value(checklist, item.id)
        state = answer(checklist, state, facts, item.id, value, "nurse", AT)
    return state


def signed_in(checklist: ChecklistDefinition, facts: CaseFacts = READY) -> ChecklistState:
    state = answer_phase(checklist, ChecklistState(), facts, Phase.SIGN_IN)
    return complete_phase(checklist, state, facts, Phase.SIGN_IN, "nurse", AT)


def test_the_reference_checklist_covers_the_three_pauses_of_the_who_checklist(checklist):
    phases = {item.phase for item in checklist.items}
    assert phases == set(Phase)
    ids = {item.id for item in checklist.items}
    assert {"identity_confirmed", "consent_confirmed", "allergies", "airway_risk"} <= ids
    assert {"team_introduced", "antibiotic_prophylaxis", "imaging_displayed"} <= ids
    assert {"counts_correct", "specimens_labelled", "equipment_problems"} <= ids
    assert checklist.source and checklist.verified is False


def test_every_item_says_whether_it_gates_and_how_it_is_answered(checklist):
    for item in checklist.items:
        assert item.text
        assert isinstance(item.answer_type, AnswerType)
        if item.gates and item.answer_type is not AnswerType.TEXT:
            assert item.accept, item.id


def test_the_time_out_requires_consent_bleeding_plan_and_site_marking(checklist):
    assert set(checklist.phase(Phase.TIME_OUT).requires) == set(Precondition)


def test_a_full_checklist_runs_from_sign_in_to_sign_out(checklist):
    state = signed_in(checklist)
    assert current_phase(state) is Phase.TIME_OUT
    state = answer_phase(checklist, state, READY, Phase.TIME_OUT)
    state = complete_phase(checklist, state, READY, Phase.TIME_OUT, "attending", AT)
    state = answer_phase(checklist, state, READY, Phase.SIGN_OUT)
    state = complete_phase(checklist, state, READY, Phase.SIGN_OUT, "nurse", AT)
    assert is_complete(state)
    assert state.completed[Phase.TIME_OUT].by == "attending"
    assert state.answers["team_introduced"].by == "nurse"
    assert state.answers["team_introduced"].at == AT


def test_it_refuses_the_time_out_when_consent_is_missing_and_says_what_to_do(checklist):
    state = signed_in(checklist)
    state = answer_phase(checklist, state, READY, Phase.TIME_OUT)
    no_consent = CaseFacts(
        consent_signed=False,
        bleeding_plan_cleared=True,
        site_marking_applies=True,
        site_marked=True,
    )
    with pytest.raises(ChecklistRefused) as refused:
        complete_phase(checklist, state, no_consent, Phase.TIME_OUT, "attending", AT)
    problems = refused.value.problems
    assert [p.precondition for p in problems] == [Precondition.CONSENT_SIGNED]
    assert "sign the consent" in problems[0].message


def test_it_refuses_the_time_out_when_the_bleeding_plan_is_not_cleared(checklist):
    state = answer_phase(checklist, signed_in(checklist), READY, Phase.TIME_OUT)
    facts = CaseFacts(
        consent_signed=True,
        bleeding_plan_cleared=False,
        site_marking_applies=False,
        site_marked=False,
    )
    with pytest.raises(ChecklistRefused) as refused:
        complete_phase(checklist, state, facts, Phase.TIME_OUT, "attending", AT)
    assert refused.value.problems[0].precondition is Precondition.BLEEDING_PLAN_CLEARED
    assert "clear and sign the plan" in str(refused.value)


def test_it_refuses_the_time_out_when_the_site_is_unmarked_where_marking_applies(checklist):
    state = answer_phase(checklist, signed_in(checklist), READY, Phase.TIME_OUT)
    unmarked = CaseFacts(
        consent_signed=True,
        bleeding_plan_cleared=True,
        site_marking_applies=True,
        site_marked=False,
    )
    with pytest.raises(ChecklistRefused) as refused:
        complete_phase(checklist, state, unmarked, Phase.TIME_OUT, "attending", AT)
    assert refused.value.problems[0].precondition is Precondition.SITE_MARKED
    assert "Mark the site" in refused.value.problems[0].message


def test_an_unmarked_site_does_not_block_a_case_where_marking_does_not_apply(checklist):
    facts = CaseFacts(
        consent_signed=True,
        bleeding_plan_cleared=True,
        site_marking_applies=False,
        site_marked=False,
    )
    state = signed_in(checklist, facts)
    assert "site_marked" not in state.answers
    state = answer_phase(checklist, state, facts, Phase.TIME_OUT)
    state = complete_phase(checklist, state, facts, Phase.TIME_OUT, "attending", AT)
    assert state.is_completed(Phase.TIME_OUT)


def test_it_lists_every_unmet_precondition_at_once(checklist):
    state = answer_phase(checklist, signed_in(checklist), READY, Phase.TIME_OUT)
    nothing = CaseFacts(
        consent_signed=False,
        bleeding_plan_cleared=False,
        site_marking_applies=True,
        site_marked=False,
    )
    found = blockers(checklist, state, nothing, Phase.TIME_OUT)
    assert {p.precondition for p in found} == set(Precondition)


def test_it_refuses_to_confirm_consent_at_sign_in_while_none_is_signed(checklist):
    facts = CaseFacts(
        consent_signed=False,
        bleeding_plan_cleared=True,
        site_marking_applies=False,
        site_marked=False,
    )
    with pytest.raises(ChecklistRefused) as refused:
        answer(checklist, ChecklistState(), facts, "consent_confirmed", "yes", "nurse", AT)
    assert refused.value.problems[0].code is ProblemCode.PRECONDITION_UNMET
    state = answer(checklist, ChecklistState(), facts, "consent_confirmed", "no", "nurse", AT)
    assert state.answers["consent_confirmed"].value == "no"


def test_a_gating_item_answered_no_blocks_its_phase(checklist):
    state = answer_phase(checklist, ChecklistState(), READY, Phase.SIGN_IN)
    state = answer(checklist, state, READY, "monitoring_checked", "no", "nurse", AT)
    found = blockers(checklist, state, READY, Phase.SIGN_IN)
    assert [(p.code, p.item_id) for p in found] == [
        (ProblemCode.NOT_ACCEPTED, "monitoring_checked")
    ]


def test_an_unanswered_gating_item_blocks_its_phase_but_free_text_does_not(checklist):
    state = answer_phase(checklist, signed_in(checklist), READY, Phase.TIME_OUT)
    without_text = {k: v for k, v in state.answers.items() if k != "nursing_concerns"}
    state = ChecklistState(answers=without_text, completed=state.completed)
    assert blockers(checklist, state, READY, Phase.TIME_OUT) == ()
    fewer = {k: v for k, v in state.answers.items() if k != "team_introduced"}
    state = ChecklistState(answers=fewer, completed=state.completed)
    found = blockers(checklist, state, READY, Phase.TIME_OUT)
    assert [(p.code, p.item_id) for p in found] == [(ProblemCode.UNANSWERED, "team_introduced")]


def test_the_time_out_cannot_start_before_the_sign_in_is_completed(checklist):
    with pytest.raises(ChecklistRefused) as refused:
        answer(checklist, ChecklistState(), READY, "team_introduced", "confirmed", "nurse", AT)
    assert refused.value.problems[0].code is ProblemCode.PREVIOUS_PHASE_OPEN
    assert "sign in" in refused.value.problems[0].message


def test_answers_of_a_completed_phase_are_locked(checklist):
    state = signed_in(checklist)
    with pytest.raises(ChecklistRefused) as refused:
        answer(checklist, state, READY, "allergies", "no", "nurse", AT)
    assert refused.value.problems[0].code is ProblemCode.PHASE_COMPLETED


def test_it_rejects_an_answer_the_item_does_not_offer(checklist):
    with pytest.raises(ChecklistRefused) as refused:
        answer(checklist, ChecklistState(), READY, "allergies", "maybe", "nurse", AT)
    assert refused.value.problems[0].code is ProblemCode.INVALID_ANSWER
    assert "yes_precautions_taken" in refused.value.problems[0].message


def test_it_rejects_an_unknown_item(checklist):
    with pytest.raises(ChecklistRefused) as refused:
        answer(checklist, ChecklistState(), READY, "tea_served", Reply.YES, "nurse", AT)
    assert refused.value.problems[0].code is ProblemCode.UNKNOWN_ITEM


def test_sedation_items_are_skipped_for_a_case_under_local_anaesthetic_only(checklist):
    local = CaseFacts(
        consent_signed=True,
        bleeding_plan_cleared=True,
        site_marking_applies=False,
        site_marked=False,
        sedation=False,
    )
    ids = {i.id for i in checklist.items_for(Phase.SIGN_IN, local)}
    assert "airway_risk" not in ids
    with pytest.raises(ChecklistRefused):
        answer(checklist, ChecklistState(), local, "airway_risk", "no", "nurse", AT)


def test_the_parser_rejects_a_choice_that_accepts_an_answer_it_does_not_offer():
    data = tomllib.loads(DATA.read_text())
    data["item"][0] = {
        "id": "x",
        "phase": "sign_in",
        "text": "x",
        "answer": "choice",
        "options": ["a"],
        "accept": ["b"],
        "gates": True,
    }
    with pytest.raises(ValueError, match="accepts answers it does not offer"):
        parse_checklist(data)


def test_the_parser_rejects_duplicate_item_ids():
    data = tomllib.loads(DATA.read_text())
    data["item"].append(dict(data["item"][0]))
    with pytest.raises(ValueError, match="unique"):
        parse_checklist(data)
