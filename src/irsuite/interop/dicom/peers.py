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
from irsuite.people.models import Room

AUDIT_CHANNEL = "dicom"


def known_ae_titles() -> set[str]:
    """AE titles allowed to associate: active rooms' and the configured extra peers."""
    rooms = Room.objects.filter(active=True).values_list("ae_title", flat=True)
    return {title.strip() for title in rooms} | {
        title.strip() for title in getattr(settings, "DICOM_PEERS", [])
    }


def is_known(ae_title: str) -> bool:
    """Whether `ae_title` (as received, padding ignored) belongs to a known peer."""
    return bool(ae_title.strip()) and ae_title.strip() in known_ae_titles()


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
    room = room_of_caller(ae_title)
    return room.ae_title if room is not None else None


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
