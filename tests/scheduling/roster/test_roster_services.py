"""Roster use cases: solving and publishing periods, who is on call, history, overrides."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.errors import Conflict, ValidationFailed
from irsuite.scheduling.leave.models import LeaveRequest
from irsuite.scheduling.roster.models import AssignmentSource, RosterAssignment
from irsuite.scheduling.roster.queries import history_before, on_call_now
from irsuite.scheduling.roster.services import (
    create_period,
    override_assignment,
    publish_period,
    solve_period,
)


def duty(period, day, person=None):
    rows = RosterAssignment.objects.filter(period=period, day=day)
    return rows.get(staff=person) if person else rows.get()


def test_solving_a_period_stores_a_fair_valid_roster(night, attendings, today, solve):
    period = create_period(today, today + dt.timedelta(days=11), None, rules={"max_consecutive": 1})
    out = solve(period)
    assert out["status"] == "optimal"
    rows = list(period.assignments.order_by("day"))
    assert len(rows) == 12
    counts = {a.pk: sum(r.staff_id == a.pk for r in rows) for a in attendings}
    assert sorted(counts.values()) == [2, 2, 2, 3, 3]
    assert all(rows[k].staff_id != rows[k + 1].staff_id for k in range(11))
    period.refresh_from_db()
    assert period.result["status"] == "optimal"
    assert "assignments" not in period.result


def test_leave_entered_in_irsuite_is_respected(night, attendings, today, solve):
    LeaveRequest.objects.create(staff=attendings[0], start=today, end=today + dt.timedelta(days=4))
    period = create_period(today, today + dt.timedelta(days=6), None)
    solve(period)
    early = period.assignments.filter(day__lte=today + dt.timedelta(days=4))
    assert not early.filter(staff=attendings[0]).exists()


def test_an_impossible_period_keeps_its_explanation_and_no_duties(night, attendings, today, solve):
    for person in attendings:
        LeaveRequest.objects.create(
            staff=person, start=today + dt.timedelta(days=2), end=today + dt.timedelta(days=2)
        )
    period = create_period(today, today + dt.timedelta(days=4), None)
    out = solve(period)
    assert out["status"] == "infeasible"
    period.refresh_from_db()
    day = (today + dt.timedelta(days=2)).isoformat()
    assert {c["date"] for c in period.result["conflict_details"]} == {day}
    assert not period.assignments.exists()
    with pytest.raises(ValidationFailed, match="solve it first"):
        publish_period(period, None)


def test_a_published_period_cannot_be_resolved_or_overlapped(published, today):
    with pytest.raises(Conflict):
        solve_period(published, None)
    with pytest.raises(Conflict, match="already covers"):
        create_period(today, today + dt.timedelta(days=2), None)


def test_who_is_on_call_follows_the_night_window(published, today):
    tz = timezone.get_current_timezone()
    evening = dt.datetime.combine(today, dt.time(20, 0), tzinfo=tz)
    early = dt.datetime.combine(today, dt.time(7, 0), tzinfo=tz)
    noon = dt.datetime.combine(today, dt.time(12, 0), tzinfo=tz)
    tonight = duty(published, today).staff
    last_night = duty(published, today - dt.timedelta(days=1)).staff
    assert [o.staff for o in on_call_now(evening)] == [[tonight]]
    assert [o.staff for o in on_call_now(early)] == [[last_night]]
    assert on_call_now(noon) == []


def test_history_counts_nights_of_earlier_published_rosters(published, today):
    history = history_before(today + dt.timedelta(days=30))
    assert sum(history["nights"].values()) == 14


def test_a_manual_change_is_audited_with_its_reason_and_the_rules_it_breaks(
    published, attendings, persona, today
):
    chief = persona("quality_lead")
    tomorrow = today + dt.timedelta(days=1)
    target = duty(published, tomorrow)
    other = next(a for a in attendings if a.pk != target.staff_id)
    was = target.staff_id
    LeaveRequest.objects.create(staff=other, start=tomorrow, end=tomorrow)
    with pytest.raises(ValidationFailed, match="reason"):
        override_assignment(target, other, chief, "")
    broken = override_assignment(target, other, chief, "covering a sick colleague")
    assert any("on leave" in b for b in broken)
    target.refresh_from_db()
    assert (target.staff_id, target.source) == (other.pk, AssignmentSource.OVERRIDE)
    event = AuditEvent.objects.get(action=AuditAction.OVERRIDE)
    assert event.reason == "covering a sick colleague"
    assert event.before == {"staff": was}
    assert event.after["staff"] == other.pk
