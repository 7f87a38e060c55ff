"""Applying a stored proposal: what changed since, what is pinned, what is too late."""

from datetime import date, datetime

from irsuite.domain.booking.recheck import (
    CONFIRMABLE,
    BookingState,
    Placing,
    Recheck,
    RequestState,
    recheck,
)

NOW = datetime(2026, 12, 6, 9, 0)
MONDAY_9 = datetime(2026, 12, 7, 9, 0)
WAITING = RequestState(version=3, status="vetted")


def placing(start=MONDAY_9, due=None):
    return Placing(start=start, ends_on=start.date(), due=due)


def check(basis, now, where=None, *, confirmed=False):
    return recheck(basis, now, where or placing(), moment=NOW, confirmed=confirmed)


def test_an_unchanged_request_is_booked():
    assert check(WAITING, WAITING) is None


def test_applying_a_stale_proposal_moves_nothing_changed_since():
    booked_by_hand = RequestState(4, "scheduled", BookingState(version=1))
    assert check(WAITING, booked_by_hand) is Recheck.CHANGED_SINCE
    assert Recheck.CHANGED_SINCE in CONFIRMABLE
    assert check(WAITING, booked_by_hand, confirmed=True) is None


def test_a_proposal_that_kept_no_state_counts_as_changed():
    assert check(None, WAITING) is Recheck.CHANGED_SINCE


def test_an_emergency_add_on_is_pinned_even_when_confirmed():
    add_on = RequestState(4, "scheduled", BookingState(version=1, add_on=True))
    assert check(WAITING, add_on, confirmed=True) is Recheck.PINNED_ADD_ON
    assert Recheck.PINNED_ADD_ON not in CONFIRMABLE


def test_a_booking_with_its_operator_is_pinned():
    assigned = RequestState(4, "scheduled", BookingState(version=1, operator="17"))
    assert check(WAITING, assigned, confirmed=True) is Recheck.PINNED_OPERATOR


def test_a_pinned_booking_released_by_hand_may_be_moved_once_confirmed():
    released = RequestState(5, "scheduled", BookingState(version=2, add_on=True, released=True))
    assert check(WAITING, released) is Recheck.CHANGED_SINCE
    assert check(WAITING, released, confirmed=True) is None


def test_a_placement_after_the_due_date_is_refused_whatever_the_scheduler_says():
    late = placing(due=date(2026, 12, 6))
    assert check(WAITING, WAITING, late, confirmed=True) is Recheck.AFTER_DUE_DATE
    on_the_day = placing(due=date(2026, 12, 7))
    assert check(WAITING, WAITING, on_the_day) is None


def test_a_placement_whose_start_has_passed_is_refused():
    yesterday = placing(start=datetime(2026, 12, 5, 9, 0))
    assert check(WAITING, WAITING, yesterday) is Recheck.IN_THE_PAST
