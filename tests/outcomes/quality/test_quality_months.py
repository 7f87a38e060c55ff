"""Monthly quality counts: derived from the facts, refreshed with them, read for whole months."""

import datetime as dt

import pytest

from irsuite.cases.models import Procedure
from irsuite.outcomes.quality.facts import refresh_facts
from irsuite.outcomes.quality.facts_sql import rebuild_all_facts_sql
from irsuite.outcomes.quality.models import QualityMonth
from irsuite.outcomes.quality.months import full_months
from irsuite.outcomes.quality.queries import QualityFilter, _fact_counts, grouped_counts
from irsuite.outcomes.review.models import ReviewCase

D = dt.date


def test_whole_months_inside_a_period_exclude_the_partial_months_at_its_edges():
    assert full_months(D(2025, 11, 23), D(2026, 11, 23)) == (D(2025, 12, 1), D(2026, 11, 1))
    assert full_months(D(2026, 1, 1), D(2026, 3, 31)) == (D(2026, 1, 1), D(2026, 4, 1))
    assert full_months(D(2026, 12, 1), D(2026, 12, 31)) == (D(2026, 12, 1), D(2027, 1, 1))


def test_a_period_inside_one_month_has_no_whole_month():
    assert full_months(D(2026, 2, 2), D(2026, 2, 27)) is None
    assert full_months(D(2026, 1, 15), D(2026, 2, 14)) is None


@pytest.fixture
def spread_cases(db, make_procedure):
    """Six signed nephrostomies moved to days in four different months of 2026."""
    cases = [make_procedure("PCN") for _ in range(6)]
    days = [D(2026, 1, 20), D(2026, 2, 3), D(2026, 2, 27), D(2026, 3, 1), D(2026, 3, 31),
            D(2026, 4, 2)]  # fmt: skip
    for case, day in zip(cases, days, strict=True):
        Procedure.objects.filter(pk=case.pk).update(day=day)
    refresh_facts([c.pk for c in cases])
    return [Procedure.objects.get(pk=c.pk) for c in cases]


def _counts(entry, start, end):
    f = QualityFilter(entry, start, end)
    return grouped_counts(f), _fact_counts(f, start, end)


def test_counts_over_whole_and_partial_months_equal_the_counts_from_the_facts(spread_cases):
    entry = spread_cases[0].entries.get()
    for start, end in [
        (D(2026, 1, 25), D(2026, 4, 1)),
        (D(2026, 2, 1), D(2026, 3, 31)),
        (D(2025, 12, 1), D(2026, 12, 31)),
        (D(2026, 2, 10), D(2026, 3, 15)),
    ]:
        from_months, from_facts = _counts(entry, start, end)
        assert from_months == from_facts, (start, end)
    whole = grouped_counts(QualityFilter(entry, D(2026, 1, 1), D(2026, 4, 30)))
    assert sum(n for (name, _), (_, n) in whole.items() if name == "major_haemorrhage") == 6


def test_no_monthly_count_is_left_behind_in_the_month_a_case_moved_out_of(spread_cases):
    entry = spread_cases[0].entries.get()
    today_month = dt.date.today().replace(day=1)
    assert not QualityMonth.objects.filter(entry=entry, month=today_month).exists()
    february = QualityMonth.objects.filter(entry=entry, month=D(2026, 2, 1))
    assert {row.cases for row in february} == {2}


def test_an_adverse_event_recorded_later_reaches_the_monthly_counts(
    spread_cases, persona, record_haemorrhage
):
    record_haemorrhage(spread_cases[1], persona("attending"))  # 3 February
    entry = spread_cases[0].entries.get()
    counts = grouped_counts(QualityFilter(entry, D(2026, 2, 1), D(2026, 2, 28)))
    assert sum(e for (name, _), (e, _) in counts.items() if name == "major_haemorrhage") == 1
    row = QualityMonth.objects.get(entry=entry, month=D(2026, 2, 1), indicator="major_haemorrhage")
    assert (row.events, row.cases) == (1, 2)


def test_a_full_rebuild_gives_the_same_monthly_counts_as_the_incremental_refresh(
    spread_cases, persona, record_haemorrhage
):
    record_haemorrhage(spread_cases[3], persona("attending"))

    def snapshot():
        return sorted(
            QualityMonth.objects.values_list(
                "entry_id", "indicator", "operator_id", "month", "cases", "events"
            )
        )

    incremental = snapshot()
    rebuild_all_facts_sql()
    assert snapshot() == incremental
    assert incremental


def test_deleting_a_procedure_takes_it_out_of_the_monthly_counts(spread_cases):
    entry = spread_cases[0].entries.get()
    gone = spread_cases[0]  # 20 January, alone in its month

    def cases_in(month):
        return {row.cases for row in QualityMonth.objects.filter(entry=entry, month=month)}

    assert cases_in(D(2026, 1, 1)) == {1}
    ReviewCase.objects.filter(procedure=gone).delete()
    Procedure.objects.filter(pk=gone.pk).delete()
    assert cases_in(D(2026, 1, 1)) == set()
    assert cases_in(D(2026, 2, 1)) == {2}
