"""Each rule of the week auto-scheduler, checked on both the CP-SAT and greedy schedulers."""

from dataclasses import replace

import pytest
from booking_builders import ANGIO, WEEK, at, reference, request, room, span
from booking_checks import problems

from irsuite.domain.booking import (
    AnaesthesiaSession,
    BookedSlot,
    OperatorAvailability,
    Priority,
    ReservedBlock,
    RoomCapability,
    SolveStatus,
    UnscheduledReason,
    WeekResources,
    greedy_week,
)
from irsuite.domain.booking.cpsat import SolverOptions, propose_week

REF = reference()
FAST = SolverOptions(time_limit_s=5)


def cpsat(requests, resources, ref=REF):
    return propose_week(requests, resources, ref, FAST)


def greedy(requests, resources, ref=REF):
    return greedy_week(requests, resources, ref)


both = pytest.mark.parametrize("solve", [cpsat, greedy], ids=["cpsat", "greedy"])


def week(*rooms, **kwargs):
    return WeekResources(start=WEEK, rooms=rooms or (room(),), **kwargs)


def solved(solve, requests, resources):
    proposal = solve(requests, resources)
    assert problems(proposal, requests, resources, REF) == []
    return proposal


def reasons(proposal):
    return {u.request: u.reason for u in proposal.unscheduled}


def rooms_of(proposal):
    return {p.request: p.room for p in proposal.placements}


@both
def test_it_puts_a_ct_guided_case_in_the_ct_room(solve):
    resources = week(room("A1"), room("CT", frozenset({RoomCapability.CT})))
    proposal = solved(solve, [request("biopsy", capability=RoomCapability.CT)], resources)
    assert rooms_of(proposal) == {"biopsy": "CT"}


@both
def test_it_leaves_out_a_case_no_room_can_do_and_says_why(solve):
    proposal = solved(solve, [request("ct", capability=RoomCapability.CT)], week())
    assert reasons(proposal) == {"ct": UnscheduledReason.NO_CAPABLE_ROOM}
    assert proposal.unscheduled[0].explanation.startswith("No room has the capability")


@both
def test_a_case_longer_than_any_opening_is_left_out_for_lack_of_open_time(solve):
    proposal = solved(solve, [request("long", minutes=10 * 60)], week())
    assert reasons(proposal) == {"long": UnscheduledReason.NO_OPEN_TIME}


@both
def test_cases_in_one_room_never_overlap_and_leave_the_turnover_between_them(solve):
    requests = [request(f"r{n}", minutes=120) for n in range(6)]
    proposal = solved(solve, requests, week(room(days=2)))
    assert len(proposal.placements) == 6
    gaps = [
        (b.start - a.end).total_seconds() / 60
        for a, b in zip(proposal.placements, proposal.placements[1:], strict=False)
        if a.start.date() == b.start.date()
    ]
    assert gaps and min(gaps) >= REF.turnover_min


@both
def test_a_full_room_leaves_the_rest_out_for_lack_of_capacity(solve):
    requests = [request(f"r{n}", minutes=240) for n in range(4)]
    proposal = solved(solve, requests, week(room(days=1)))
    assert len(proposal.placements) == 2
    assert set(reasons(proposal).values()) == {UnscheduledReason.NO_CAPACITY}


@both
def test_cases_stay_inside_opening_hours(solve):
    requests = [request(f"r{n}", minutes=50) for n in range(12)]
    proposal = solved(solve, requests, week(room(days=2)))
    assert all(at(0, 8) <= p.start and p.end.hour <= 17 for p in proposal.placements)
    assert len(proposal.placements) == 12


@both
def test_another_service_cannot_use_the_oncology_list(solve):
    blocks = (ReservedBlock("A1", "oncology", span(0, 8, 17)),)
    proposal = solved(solve, [request("drain")], week(room(days=2), blocks=blocks))
    assert proposal.placements[0].start.date() == at(1, 0).date()


@both
def test_an_oncology_case_may_use_the_oncology_list(solve):
    blocks = (ReservedBlock("A1", "oncology", span(0, 8, 17)),)
    tace = request("tace", service="oncology", due_day=0)
    proposal = solved(solve, [tace], week(room(days=2), blocks=blocks))
    assert proposal.placements[0].start == at(0, 8)
    assert proposal.placements[0].on_time


@both
def test_a_case_shut_out_only_by_another_services_list_says_so(solve):
    blocks = (ReservedBlock("A1", "oncology", span(0, 8, 17)),)
    proposal = solved(solve, [request("drain")], week(room(days=1), blocks=blocks))
    assert reasons(proposal) == {"drain": UnscheduledReason.RESERVED_FOR_ANOTHER_SERVICE}


@both
def test_a_case_under_anaesthesia_goes_inside_an_anaesthesia_session(solve):
    sessions = (AnaesthesiaSession("A1", span(2, 13, 17)),)
    ga = request("tips", minutes=180, anaesthesia=True)
    proposal = solved(solve, [ga], week(room(), anaesthesia=sessions))
    assert proposal.placements[0].start == at(2, 13)


@both
def test_a_case_under_anaesthesia_is_left_out_when_no_session_is_long_enough(solve):
    sessions = (AnaesthesiaSession("A1", span(2, 13, 15)),)
    ga = request("tips", minutes=180, anaesthesia=True)
    proposal = solved(solve, [ga], week(room(), anaesthesia=sessions))
    assert reasons(proposal) == {"tips": UnscheduledReason.NO_ANAESTHESIA_SESSION}


@both
def test_a_named_operator_works_only_when_available(solve):
    hours = (OperatorAvailability("dr-a", (span(3, 12, 17),)),)
    proposal = solved(solve, [request("uae", operator="dr-a")], week(room(), operators=hours))
    assert proposal.placements[0].start == at(3, 12)


@both
def test_a_case_whose_operator_is_away_all_week_is_left_out_and_says_so(solve):
    hours = (OperatorAvailability("dr-a", (span(5, 8, 17),)),)
    proposal = solved(solve, [request("uae", operator="dr-a")], week(room(), operators=hours))
    assert reasons(proposal) == {"uae": UnscheduledReason.OPERATOR_UNAVAILABLE}


@both
def test_an_operator_is_never_in_two_rooms_at_once(solve):
    hours = (OperatorAvailability("dr-a", (span(0, 8, 12),)),)
    requests = [request(f"r{n}", operator="dr-a", minutes=120) for n in range(3)]
    proposal = solved(solve, requests, week(room("A1"), room("A2"), operators=hours))
    assert len(proposal.placements) == 2
    assert list(reasons(proposal).values()) == [UnscheduledReason.NO_CAPACITY]


@both
def test_a_patient_is_never_in_two_rooms_at_once(solve):
    requests = [request(f"r{n}", patient="same", minutes=240) for n in range(3)]
    proposal = solved(solve, requests, week(room("A1", days=1), room("A2", days=1)))
    assert len(proposal.placements) == 2


@both
def test_existing_bookings_keep_their_room_operator_and_patient(solve):
    booked = (
        BookedSlot("b1", "A1", "other", span(0, 8, 12)),
        BookedSlot("b2", "A2", "p-x", span(0, 12, 17)),
        BookedSlot("b3", "A2", "other2", span(0, 8, 12), operator="dr-a"),
    )
    hours = (OperatorAvailability("dr-a", (span(0, 8, 17),)),)
    requests = [request("x", patient="p-x", minutes=240), request("y", operator="dr-a")]
    resources = week(room("A1", days=1), room("A2", days=1), booked=booked, operators=hours)
    proposal = solved(solve, requests, resources)
    assert rooms_of(proposal) == {"y": "A1"}
    assert reasons(proposal) == {"x": UnscheduledReason.NO_CAPACITY}


@both
def test_nothing_is_proposed_in_the_past(solve):
    resources = week(not_before=at(2, 10, 30))
    proposal = solved(solve, [request("r")], resources)
    assert proposal.placements[0].start == at(2, 10, 30)


@both
def test_the_only_free_hour_goes_to_the_emergent_case(solve):
    requests = [
        request("routine", due_day=0),
        request("emergent", priority=Priority.EMERGENT, due_day=0),
        request("urgent", priority=Priority.URGENT, due_day=0),
    ]
    resources = week(room(days=1), not_before=at(0, 15, 45))
    proposal = solved(solve, requests, resources)
    assert rooms_of(proposal) == {"emergent": "A1"}


@both
def test_a_case_done_after_its_due_date_counts_only_the_late_credit(solve):
    proposal = solved(solve, [request("late", due_day=-3)], week())
    assert not proposal.placements[0].on_time
    assert proposal.value == pytest.approx(REF.late_credit)


def test_cpsat_fits_more_cases_by_their_due_dates_than_greedy_first_fit():
    requests = [
        request(
            f"r{n}",
            minutes=120,
            priority=Priority.URGENT if n % 3 == 0 else Priority.ROUTINE,
            due_day=n % 5,
        )
        for n in range(30)
    ]
    resources = week()
    best, first_fit = cpsat(requests, resources), greedy(requests, resources)
    assert problems(best, requests, resources, REF) == []
    assert best.status is SolveStatus.OPTIMAL
    assert sum(p.on_time for p in best.placements) == 20
    assert sum(p.on_time for p in first_fit.placements) < 20
    assert best.value > first_fit.value


def test_the_optimum_is_proven_on_a_small_week():
    requests = [request(f"r{n}", minutes=90, due_day=n % 3) for n in range(8)]
    proposal = cpsat(requests, week(room(days=1)))
    assert proposal.status is SolveStatus.OPTIMAL
    assert proposal.value == pytest.approx(proposal.bound)


def test_a_room_without_turnover_fits_back_to_back_cases():
    ref = reference(turnover_min=0)
    requests = [request(f"r{n}", minutes=180) for n in range(3)]
    proposal = propose_week(requests, week(room(days=1)), ref, FAST)
    assert len(proposal.placements) == 3


def test_each_request_may_appear_once_in_the_backlog():
    with pytest.raises(ValueError, match="once"):
        greedy([request("r"), request("r")], week())


def test_a_request_needs_a_positive_duration():
    with pytest.raises(ValueError, match="positive number of minutes"):
        replace(request("r"), duration_min=0)


def test_an_angio_room_can_also_take_fluoroscopy_cases_when_it_says_so():
    fluoro = request("pcn", capability=RoomCapability.FLUOROSCOPY)
    assert RoomCapability.FLUOROSCOPY in ANGIO
    assert rooms_of(cpsat([fluoro], week())) == {"pcn": "A1"}


@both
def test_cases_start_on_five_minute_marks(solve):
    proposal = solved(solve, [request("r")], week(not_before=at(2, 10, 32)))
    assert proposal.placements[0].start == at(2, 10, 35)


def test_a_one_minute_grid_starts_exactly_when_the_room_frees_up():
    options = SolverOptions(time_limit_s=5, grid_min=1)
    proposal = propose_week([request("r")], week(not_before=at(2, 10, 32)), REF, options)
    assert proposal.placements[0].start == at(2, 10, 32)
