"""Who may associate with irsuite's DICOM server, and which room a caller stands for.

A calling AE title is known when it names an active room or a peer named in the
`DICOM_PEERS` setting. A room's own modality that queries the worklist without saying which
station it is sees only its room's items (`DICOM_WORKLIST_OWN_ROOM_ONLY`); a named peer (a
gateway, a test tool) sees every room unless it asks for one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.inserts import Rows
from irsuite.people.models import Room

AUDIT_CHANNEL = "dicom"


# Asked on every association and every worklist query: one prepared row lookup each.
_rooms = Rows(Room, ["ae_title"])
_ACTIVE_TITLE = ["active", "TRIM(ae_title) = %s"]  # as received: padding ignored


def _room_title(title: str) -> str | None:
    """The active room's AE title equal to `title`, or None."""
    found = _rooms(_ACTIVE_TITLE, [title])
    return str(found[0]["ae_title"]) if found else None


def is_known(ae_title: str) -> bool:
    """Whether `ae_title` (as received, padding ignored) belongs to a known peer: an active
    room's or one the `DICOM_PEERS` setting names."""
    title = ae_title.strip()
    if not title:
        return False
    peers = {t.strip() for t in getattr(settings, "DICOM_PEERS", [])}
    return title in peers or _room_title(title) is not None


def room_of_caller(ae_title: str) -> Room | None:
    """The active room whose AE title the caller uses, if it is a room's modality."""
    title = ae_title.strip()
    if not title:
        return None
    return Room.objects.filter(ae_title=title, active=True).first()


def own_room_only(ae_title: str) -> str | None:
    """The station AE title a worklist query without one is limited to, or None for all.

    Orthanc's `FilterIssuerAet` lesson: a console that leaves Scheduled Station AE Title
    empty must not be handed every room's patients.
    """
    if not getattr(settings, "DICOM_WORKLIST_OWN_ROOM_ONLY", True):
        return None
    title = ae_title.strip()
    return _room_title(title) if title else None


@transaction.atomic
def record_rejection(ae_title: str) -> None:
    """Audit an association refused because its calling AE title is unknown."""
    record(
        None,
        AuditAction.LOGIN_FAILED,
        object_type="dicom.association",
        object_id=ae_title.strip()[:16],
        summary="association rejected: unknown calling AE title",
        channel=AUDIT_CHANNEL,
    )
