"""Leave and preferred days off: people enter their own, roster managers anyone's."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record, snapshot
from irsuite.errors import NotAllowed, ValidationFailed
from irsuite.people.access import UserLike, has_capability, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability
from irsuite.scheduling.leave.models import LeaveKind, LeaveRequest

# The longest stretch of leave entered at once.
MAX_LEAVE_DAYS = 366


def _own_or_manager(by: UserLike, staff: Staff) -> bool:
    """Whether `by` is `staff` themselves or a roster manager."""
    return staff_of(by) == staff or has_capability(by, Capability.MANAGE_ROSTER)


@transaction.atomic
def request_leave(
    staff: Staff, kind: str, start: dt.date, end: dt.date, by: UserLike, note: str = ""
) -> LeaveRequest:
    """Record days ``staff`` cannot (or would rather not) take call. People enter their own;
    roster managers may enter anyone's. Published rosters are not changed by it."""
    if not _own_or_manager(by, staff):
        raise NotAllowed("You can only enter your own leave; ask a roster manager otherwise.")
    if kind not in LeaveKind.values:
        raise ValidationFailed(f"Unknown kind {kind!r}: use leave or prefers_off.")
    if end < start:
        raise ValidationFailed("The leave ends before it starts: swap the dates.")
    if (end - start).days > MAX_LEAVE_DAYS:
        raise ValidationFailed("Enter leave of at most a year at a time.")
    leave = LeaveRequest.objects.create(staff=staff, kind=kind, start=start, end=end, note=note)
    record(by, AuditAction.CREATE, leave, summary=f"{kind} {start}..{end}")
    return leave


@transaction.atomic
def cancel_leave(leave: LeaveRequest, by: UserLike) -> None:
    """Remove a leave entry (its owner or a roster manager)."""
    if not _own_or_manager(by, leave.staff):
        raise NotAllowed("You can only remove your own leave.")
    record(by, AuditAction.DELETE, leave, before=snapshot(leave), summary="leave removed")
    leave.delete()
