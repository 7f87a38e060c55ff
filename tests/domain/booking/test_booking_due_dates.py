"""A request's own due date is a limit: no proposal places the case after it."""

import pytest
from booking_builders import WEEK, at, reference, request, room
from booking_checks import problems

from irsuite.domain.booking import UnscheduledReason, WeekResources, greedy_week
from irsuite.domain.booking.cpsat import SolverOptions, propose_week

REF = reference()


def cpsat(requests, resources):
    return propose_week(requests, resources, REF, SolverOptions(time_limit_s=5, workers=1))


def greedy(requests, resources):
    return greedy_week(requests, resources, REF)


both = pytest.mark.parametrize("solve", [cpsat, greedy], ids=["cpsat", "greedy"])


def week(*rooms):
    return WeekResources(start=WEEK, rooms=rooms or (room(),))


@both
def test_a_proposal_never_books_after_the_due_date(solve):
    # Monday is full with the first case; the second, due Monday, must not slide to Tuesday.
    first = request("first", minutes=540, latest_day=0)
    second = request("second", minutes=60, latest_day=0)
    proposal = solve([first, second], week())
    assert problems(proposal, [first, second], week(), REF) == []
    assert [p.request for p in proposal.placements] == ["first"]
    assert {u.request: u.reason for u in proposal.unscheduled} == {
        "second": UnscheduledReason.NO_CAPACITY
    }


@both
def test_a_case_already_past_its_due_date_is_left_out_with_the_reason(solve):
    overdue = request("overdue", latest_day=-2)
    proposal = solve([overdue], week())
    assert proposal.placements == ()
    (left,) = proposal.unscheduled
    assert left.reason is UnscheduledReason.AFTER_DUE_DATE
    assert "due date" in left.explanation


@both
def test_a_case_due_midweek_is_placed_by_then(solve):
    closed_early = room("A1", days=5)
    due_wednesday = request("mid", latest_day=2)
    proposal = solve([due_wednesday], week(closed_early))
    (placed,) = proposal.placements
    assert placed.end <= at(3, 0)


@both
def test_a_request_without_a_due_date_of_its_own_may_still_be_placed_late(solve):
    target_passed = request("old", due_day=-3)
    proposal = solve([target_passed], week())
    (placed,) = proposal.placements
    assert not placed.on_time
