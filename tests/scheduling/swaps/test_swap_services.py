"""Duty swaps: offer, acceptance, a chief's approval, and the rules checked before it applies."""

from __future__ import annotations

import datetime as dt

import pytest

from irsuite.errors import Conflict, NotAllowed
from irsuite.scheduling.leave.models import LeaveKind, LeaveRequest
from irsuite.scheduling.roster.models import AssignmentSource, RosterAssignment
from irsuite.scheduling.roster.services import create_period
from irsuite.scheduling.swaps.models import SwapStatus
from irsuite.scheduling.swaps.services import accept_swap, approve_swap, offer_swap


def _swap_pair(published, attendings, today, offset=5):
    day = today + dt.timedelta(days=offset)
    mine = RosterAssignment.objects.get(period=published, day=day)
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
    mine = RosterAssignment.objects.get(period=published, day=day)
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
    mine = RosterAssignment.objects.get(period=published, day=today + dt.timedelta(days=5))
    others = [a for a in attendings if a.pk != mine.staff_id]
    with pytest.raises(NotAllowed):
        offer_swap(mine, others[0], others[1].user)
    assert offer_swap(mine, others[0], persona("scheduler")).status == SwapStatus.OFFERED


def test_swaps_are_only_for_published_rosters(night, attendings, today, solve):
    period = create_period(today, today + dt.timedelta(days=3), None)
    solve(period)
    mine = period.assignments.first()
    other = next(a for a in attendings if a.pk != mine.staff_id)
    with pytest.raises(Conflict, match="published"):
        offer_swap(mine, other, mine.staff.user)
