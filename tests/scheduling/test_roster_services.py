"""Roster use cases: solving and publishing periods, who is on call, overrides and swaps."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.demo.context import DemoContext
from irsuite.demo.scheduling import roster as roster_demo
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import staff_of
from irsuite.scheduling.roster.models import (
    AssignmentSource,
    CallType,
    LeaveKind,
    LeaveRequest,
    PeriodStatus,
    RosterAssignment,
    RosterPeriod,
    SwapStatus,
)
from irsuite.scheduling.roster.services import (
    create_period,
    history_before,
    on_call_now,
    override_assignment,
    publish_period,
    solve_period,
)
from irsuite.scheduling.roster.swaps import accept_swap, approve_swap, offer_swap

FAST = 10.0


@pytest.fixture
def night(db):
    return CallType.objects.create(
        name="Night",
        days="all",
        roles=["attending"],
        night=True,
        starts=dt.time(17, 0),
        ends=dt.time(8, 0),
    )


@pytest.fixture
def attendings(persona):
    return [staff_of(persona("attending", f"att{k}")) for k in range(5)]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def published(night, attendings, today):
    period = create_period(today - dt.timedelta(days=3), today + dt.timedelta(days=10), None)
    solve_period(period, None, time_limit=FAST)
    return publish_period(period, None)


def duty(period, day, person=None):
    rows = RosterAssignment.objects.filter(period=period, day=day)
    return rows.get(staff=person) if person else rows.get()


def test_solving_a_period_stores_a_fair_valid_roster(night, attendings, today):
    period = create_period(today, today + dt.timedelta(days=11), None, rules={"max_consecutive": 1})
    out = solve_period(period, None, time_limit=FAST)
    assert out["status"] == "optimal"
    rows = list(period.assignments.order_by("day"))
    assert len(rows) == 12
    counts = {a.pk: sum(r.staff_id == a.pk for r in rows) for a in attendings}
    assert sorted(counts.values()) == [2, 2, 2, 3, 3]
    assert all(rows[k].staff_id != rows[k + 1].staff_id for k in range(11))
    period.refresh_from_db()
    assert period.result["status"] == "optimal"
    assert "assignments" not in period.result


def test_leave_entered_in_irsuite_is_respected(night, attendings, today):
    LeaveRequest.objects.create(staff=attendings[0], start=today, end=today + dt.timedelta(days=4))
    period = create_period(today, today + dt.timedelta(days=6), None)
    solve_period(period, None, time_limit=FAST)
    early = period.assignments.filter(day__lte=today + dt.timedelta(days=4))
    assert not early.filter(staff=attendings[0]).exists()


def test_an_impossible_period_keeps_its_explanation_and_no_duties(night, attendings, today):
    for person in attendings:
        LeaveRequest.objects.create(
            staff=person, start=today + dt.timedelta(days=2), end=today + dt.timedelta(days=2)
        )
    period = create_period(today, today + dt.timedelta(days=4), None)
    out = solve_period(period, None, time_limit=FAST)
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


def _swap_pair(published, attendings, today, offset=5):
    day = today + dt.timedelta(days=offset)
    mine = duty(published, day)
    giver = mine.staff
    near = {
        a.staff_id
        for a in published.assignments.filter(
            day__gte=day - dt.timedelta(days=1), day__lte=day + dt.timedelta(days=1)
        )
    }
    taker = next((a for a in attendings if a.pk not in near), None)
    return mine, giver, taker


def test_a_swap_goes_from_offer_to_acceptance_to_approval(published, attendings, persona, today):
    mine, giver, taker = _swap_pair(published, attendings, today)
    assert taker is not None
    swap = offer_swap(mine, taker, giver.user)
    assert swap.status == SwapStatus.OFFERED and swap.problems == []
    with pytest.raises(NotAllowed):
        accept_swap(swap, giver.user)
    accept_swap(swap, taker.user)
    with pytest.raises(NotAllowed):
        approve_swap(swap, taker.user)
    swap = approve_swap(swap, persona("quality_lead"))
    assert swap.status == SwapStatus.APPROVED
    mine.refresh_from_db()
    assert (mine.staff_id, mine.source) == (taker.pk, AssignmentSource.SWAP)


def test_a_swap_that_breaks_a_rule_is_refused_at_approval(published, attendings, persona, today):
    day = today + dt.timedelta(days=5)
    mine = duty(published, day)
    taker = next(a for a in attendings if a.pk != mine.staff_id)
    swap = offer_swap(mine, taker, mine.staff.user)
    accept_swap(swap, taker.user)
    LeaveRequest.objects.create(staff=taker, kind=LeaveKind.LEAVE, start=day, end=day)
    swap = approve_swap(swap, persona("quality_lead"))
    assert swap.status == SwapStatus.REFUSED
    assert any("on leave" in p for p in swap.problems)
    mine.refresh_from_db()
    assert mine.staff_id != taker.pk


def test_only_the_person_on_duty_or_a_manager_may_offer_it(published, attendings, persona, today):
    mine = duty(published, today + dt.timedelta(days=5))
    others = [a for a in attendings if a.pk != mine.staff_id]
    with pytest.raises(NotAllowed):
        offer_swap(mine, others[0], others[1].user)
    assert offer_swap(mine, others[0], persona("scheduler")).status == SwapStatus.OFFERED


def test_swaps_are_only_for_published_rosters(night, attendings, today):
    period = create_period(today, today + dt.timedelta(days=3), None)
    solve_period(period, None, time_limit=FAST)
    mine = period.assignments.first()
    other = next(a for a in attendings if a.pk != mine.staff_id)
    with pytest.raises(Conflict, match="published"):
        offer_swap(mine, other, mine.staff.user)


def test_the_demo_publishes_rosters_for_the_demo_staff(attendings, persona):
    for k in range(2):
        persona("fellow", f"fellow{k}")
    for k in range(3):
        persona("resident", f"resident{k}")
    ctx = DemoContext(seed=3, procedures=0, now=timezone.now(), quick=True, show_progress=False)
    roster_demo.build(ctx)
    periods = RosterPeriod.objects.filter(status=PeriodStatus.PUBLISHED)
    assert periods.count() == 2
    assert CallType.objects.count() == 4
    today = timezone.localdate()
    assert RosterAssignment.objects.filter(day=today, period__in=periods).count() >= 2


def test_the_command_prints_the_result_as_json(tmp_path, capsys):
    data = {
        "start": "2027-03-01",
        "end": "2027-03-07",
        "call_types": [
            {"name": "night", "days": "all", "needs": 1, "roles": ["attending"], "night": True}
        ],
        "staff": [{"id": f"s{k}", "role": "attending"} for k in range(3)],
    }
    path = tmp_path / "roster.json"
    path.write_text(json.dumps(data))
    call_command("roster", "solve", str(path), "--time-limit", "5", "--json")
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["status"] == "optimal"
    assert len(out["assignments"]) == 7
    assert "fairness stage" in captured.err


def test_the_command_names_the_bad_field(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"start": "2027-03-07", "end": "2027-03-01", "call_types": []}))
    with pytest.raises(CommandError, match="end: 2027-03-01 is before start"):
        call_command("roster", "solve", str(path), "--json")
