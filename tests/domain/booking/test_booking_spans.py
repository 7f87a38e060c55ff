from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain.booking import spans

ranges = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=8,
)


def minutes_of(rs):
    return {m for s, e in rs for m in range(s, e)}


def is_normal(rs):
    return all(s < e for s, e in rs) and all(a[1] < b[0] for a, b in zip(rs, rs[1:], strict=False))


@given(ranges)
def test_normalising_keeps_the_same_minutes_in_sorted_disjoint_ranges(rs):
    out = spans.normalise(rs)
    assert minutes_of(out) == minutes_of(rs)
    assert is_normal(out)


@given(ranges, ranges)
def test_intersection_holds_the_minutes_in_both(a, b):
    out = spans.intersect(spans.normalise(a), spans.normalise(b))
    assert minutes_of(out) == minutes_of(a) & minutes_of(b)
    assert is_normal(out)


@given(ranges, ranges)
def test_subtraction_holds_the_minutes_of_the_first_not_in_the_second(a, b):
    out = spans.subtract(spans.normalise(a), spans.normalise(b))
    assert minutes_of(out) == minutes_of(a) - minutes_of(b)
    assert is_normal(out)


def test_start_ranges_keep_only_stretches_long_enough_for_the_case():
    assert spans.start_ranges(((0, 30), (60, 180)), 60) == ((60, 120),)


def test_a_partial_minute_is_not_counted_as_usable_time():
    from datetime import datetime, timedelta

    origin = datetime(2026, 3, 2)
    start = origin + timedelta(minutes=10, seconds=30)
    end = origin + timedelta(minutes=20, seconds=30)
    assert spans.span_minutes(origin, start, end) == (11, 20)
