"""Discharge only after the procedure ended and the recovery criteria held as the protocol says."""

from datetime import datetime, timedelta

from irsuite.domain.recovery import AldreteScore, TimedAldrete, parse_recovery
from irsuite.domain.sedation.discharge import discharge_readiness, parse_discharge_protocol
from irsuite.reference.loader import read_toml

PROTOCOL = parse_discharge_protocol(read_toml("sedation.toml"))
CRITERIA = parse_recovery(read_toml("recovery.toml")).aldrete
END = datetime(2026, 12, 6, 10, 0)


def score(minutes_after_end, total=10):
    items = [2] * 5
    for i in range(10 - total):
        items[i] = 1
    return TimedAldrete(END + timedelta(minutes=minutes_after_end), AldreteScore(*items))


def ready(now_after_end, scores, end=END, reversal=(), kind="moderate"):
    return discharge_readiness(
        now=END + timedelta(minutes=now_after_end),
        procedure_end=end,
        sedation_kind=kind,
        assessments=scores,
        reversal_doses=[END + timedelta(minutes=m) for m in reversal],
        protocol=PROTOCOL,
        criteria=CRITERIA,
    )


def test_the_patient_is_not_discharged_while_the_procedure_has_no_end_time():
    decision = ready(60, [score(-30)], end=None)
    assert not decision.allowed
    assert decision.reasons[0].startswith("The procedure has not ended")


def test_an_end_time_in_the_future_is_not_an_end():
    assert not ready(-5, [score(-10)]).allowed


def test_scores_taken_during_the_procedure_do_not_count():
    decision = ready(60, [score(-20), score(-5)])
    assert "Record a modified Aldrete score after the procedure ended." in decision.reasons


def test_discharge_waits_for_the_observation_time_of_the_kind_of_sedation():
    decision = ready(20, [score(5), score(20)])
    assert decision.reasons == (
        "Observe until 10:30: the protocol asks for 30 minutes after the procedure ended.",
    )
    assert decision.not_before == END + timedelta(minutes=30)
    assert ready(30, [score(5), score(20)]).allowed
    assert not ready(40, [score(5), score(20)], kind="deep").allowed


def test_the_criteria_must_hold_on_scores_spanning_fifteen_minutes():
    decision = ready(45, [score(40)])
    assert "confirm it with another score at 10:55 or later" in decision.reasons[0]
    assert ready(60, [score(40), score(55)]).allowed


def test_a_low_score_breaks_the_run():
    decision = ready(60, [score(20), score(30, total=8), score(45), score(55)])
    assert "since 10:45" in decision.reasons[0]


def test_a_low_latest_score_says_which_items_are_low():
    decision = ready(60, [score(50, total=7)])
    assert decision.reasons[0].startswith("Aldrete total is 7")


def test_a_reversal_agent_asks_for_two_hours_after_it():
    decision = ready(60, [score(30), score(50)], reversal=[10])
    assert "120 minutes after a reversal agent" in decision.reasons[0]
    assert decision.not_before == END + timedelta(minutes=130)
    assert ready(130, [score(30), score(50)], reversal=[10]).allowed
