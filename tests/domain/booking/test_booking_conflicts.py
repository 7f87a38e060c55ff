from datetime import timedelta

import pytest
from booking_builders import at
from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.booking import BookedSlot, ConflictKind, Span, find_conflicts, overlaps


def slot(
    name: str,
    start_hour: int,
    end_hour: int,
    room: str = "A1",
    patient: str = "p1",
    operator: str | None = "dr-a",
) -> BookedSlot:
    return BookedSlot(name, room, patient, Span(at(0, start_hour), at(0, end_hour)), operator)


def test_it_finds_a_room_booked_twice_at_the_same_time():
    found = find_conflicts(slot("new", 9, 10, patient="p2", operator="dr-b"), [slot("b1", 9, 11)])
    assert [(c.kind, c.other) for c in found] == [(ConflictKind.ROOM, "b1")]


def test_it_finds_a_patient_booked_in_two_rooms_at_once():
    found = find_conflicts(slot("new", 9, 10, room="A2", operator="dr-b"), [slot("b1", 9, 11)])
    assert [c.kind for c in found] == [ConflictKind.PATIENT]


def test_it_finds_an_operator_booked_in_two_rooms_at_once():
    found = find_conflicts(slot("new", 10, 12, room="A2", patient="p2"), [slot("b1", 9, 11)])
    assert [c.kind for c in found] == [ConflictKind.OPERATOR]


def test_it_reports_every_kind_of_clash_room_first():
    found = find_conflicts(
        slot("new", 9, 10), [slot("b1", 9, 10, room="A2"), slot("b2", 9, 10, patient="p9")]
    )
    assert [(c.kind, c.other) for c in found] == [
        (ConflictKind.ROOM, "b2"),
        (ConflictKind.PATIENT, "b1"),
        (ConflictKind.OPERATOR, "b1"),
        (ConflictKind.OPERATOR, "b2"),
    ]


def test_back_to_back_bookings_do_not_clash():
    assert find_conflicts(slot("new", 10, 11), [slot("b1", 9, 10), slot("b2", 11, 12)]) == []


def test_bookings_without_a_named_operator_do_not_clash_on_the_operator():
    found = find_conflicts(
        slot("new", 9, 10, room="A2", patient="p2", operator=None),
        [slot("b1", 9, 10, operator=None)],
    )
    assert found == []


def test_moving_a_booking_does_not_clash_with_its_own_old_time():
    assert find_conflicts(slot("b1", 9, 10), [slot("b1", 9, 11)]) == []


def test_a_clash_is_explained_without_naming_the_patient():
    (conflict,) = find_conflicts(slot("new", 9, 10, room="A2", operator=None), [slot("b1", 9, 10)])
    assert conflict.explanation == "The patient already has a booking at that time."
    assert "p1" not in conflict.explanation


def test_a_span_must_end_after_it_starts():
    with pytest.raises(ValueError, match="must end after it starts"):
        Span(at(0, 10), at(0, 10))


minutes = st.integers(min_value=0, max_value=600)


@given(minutes, st.integers(1, 120), minutes, st.integers(1, 120))
def test_two_spans_overlap_exactly_when_they_share_a_minute(a, a_len, b, b_len):
    first = Span(at(0, 0) + timedelta(minutes=a), at(0, 0) + timedelta(minutes=a + a_len))
    second = Span(at(0, 0) + timedelta(minutes=b), at(0, 0) + timedelta(minutes=b + b_len))
    shared = set(range(a, a + a_len)) & set(range(b, b + b_len))
    assert overlaps(first, second) == bool(shared) == overlaps(second, first)
