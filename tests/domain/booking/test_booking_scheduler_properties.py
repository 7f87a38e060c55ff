"""Random small weeks: every proposal keeps every rule, and CP-SAT is never worse than greedy."""

from booking_builders import WEEK, reference, request, room, span
from booking_checks import problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from irsuite.domain.booking import (
    AnaesthesiaSession,
    BookedSlot,
    OperatorAvailability,
    Priority,
    ReservedBlock,
    RoomCapability,
    WeekResources,
    greedy_week,
)
from irsuite.domain.booking.cpsat import SolverOptions, propose_week

REF = reference()
CAPS = [RoomCapability.ANGIO, RoomCapability.CT]


@st.composite
def backlogs(draw):
    size = draw(st.integers(1, 14))
    return [
        request(
            f"r{n}",
            patient=f"p{draw(st.integers(0, 6))}",
            priority=draw(st.sampled_from(list(Priority))),
            due_day=draw(st.integers(-2, 4)),
            minutes=draw(st.sampled_from([30, 60, 90, 150, 240])),
            capability=draw(st.sampled_from(CAPS)),
            anaesthesia=draw(st.booleans()),
            operator=draw(st.sampled_from([None, "dr-a", "dr-b"])),
            service=draw(st.sampled_from([None, "oncology"])),
            latest_day=draw(st.sampled_from([None, -1, 0, 1, 2, 3])),
        )
        for n in range(size)
    ]


def resources():
    return WeekResources(
        start=WEEK,
        rooms=(room("A1", days=3), room("CT", frozenset({RoomCapability.CT}), days=3)),
        blocks=(ReservedBlock("A1", "oncology", span(1, 8, 12)),),
        anaesthesia=(
            AnaesthesiaSession("A1", span(0, 8, 17)),
            AnaesthesiaSession("CT", span(2, 8, 12)),
        ),
        operators=(
            OperatorAvailability("dr-a", (span(0, 8, 17), span(1, 8, 17))),
            OperatorAvailability("dr-b", (span(1, 12, 17), span(2, 8, 17))),
        ),
        booked=(BookedSlot("old", "A1", "p1", span(2, 9, 11), operator="dr-b"),),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(backlogs())
def test_every_proposal_keeps_every_rule_and_cpsat_is_never_worse_than_greedy(requests):
    week = resources()
    first_fit = greedy_week(requests, week, REF)
    best = propose_week(requests, week, REF, SolverOptions(time_limit_s=3))
    assert problems(first_fit, requests, week, REF) == []
    assert problems(best, requests, week, REF) == []
    assert best.value >= first_fit.value - 1e-9
    assert best.value <= best.bound + 1e-9
