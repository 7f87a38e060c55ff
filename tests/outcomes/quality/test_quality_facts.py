"""Quality facts: the per-procedure rules and the set-based rebuild agree."""

import pytest

from irsuite.cases.models import CaseRole
from irsuite.outcomes.adverse_events.services import AeInput, record_adverse_event
from irsuite.outcomes.models import QualityFact
from irsuite.outcomes.quality.facts import rebuild_all_facts, refresh_facts
from irsuite.outcomes.quality.facts_sql import rebuild_all_facts_sql

pytestmark = pytest.mark.django_db


def facts():
    return sorted(
        QualityFact.objects.values_list(
            "procedure_id",
            "entry_id",
            "indicator",
            "day",
            "operator_id",
            "room_id",
            "site_id",
            "event",
        )
    )


def test_a_draft_procedure_has_no_facts(make_procedure):
    draft = make_procedure("PCN", sign=False)
    assert refresh_facts([draft.pk]) == 0


def test_the_supervising_attending_answers_for_a_trainee_led_case(make_procedure, persona):
    procedure = make_procedure(
        "PCN",
        team=[
            (persona("attending"), CaseRole.SUPERVISING_ATTENDING),
            (persona("resident"), CaseRole.TRAINEE_PRIMARY),
        ],
    )
    operators = set(
        QualityFact.objects.filter(procedure=procedure).values_list("operator", flat=True)
    )
    assert operators == {persona("attending").staff.pk}


def test_a_failed_procedure_counts_against_technical_success(make_procedure):
    procedure = make_procedure("PCN", success="failure")
    fact = QualityFact.objects.get(procedure=procedure, indicator="technical_success")
    assert fact.event is False


def test_any_major_event_counts_as_a_major_complication(make_procedure, persona):
    procedure = make_procedure("GASTROSTOMY")
    record_adverse_event(
        procedure,
        AeInput(
            timing="post",
            onset_date=procedure.day,
            category="bleeding",
            description="Bleed",
            gradings=[("sir_legacy", "C")],
            treatment="Transfused",
            length_of_stay_hours=30,
        ),
        by=persona("attending"),
    )
    assert QualityFact.objects.get(procedure=procedure, indicator="major_complication").event


def test_the_sql_rebuild_gives_the_same_facts_as_the_per_procedure_rules(make_procedure, persona):
    first = make_procedure("PCN")
    make_procedure("PCN", success="failure")
    make_procedure(
        "GASTROSTOMY",
        team=[
            (persona("attending"), CaseRole.SUPERVISING_ATTENDING),
            (persona("fellow"), CaseRole.TRAINEE_PRIMARY),
        ],
    )
    make_procedure("UFE")
    record_adverse_event(
        first,
        AeInput(
            timing="post",
            onset_date=first.day,
            category="infection",
            description="Septic shock",
            gradings=[("sir_2017", "4")],
            treatment="ICU",
            outcome="Recovered",
            sequelae="None",
            indicator="septic_shock",
        ),
        by=persona("attending"),
    )
    rebuild_all_facts()
    python_facts = facts()
    assert rebuild_all_facts_sql() == len(python_facts)
    assert facts() == python_facts
    assert any(f[2] == "septic_shock" and f[7] for f in python_facts)
