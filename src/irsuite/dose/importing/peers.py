"""Who may send dose reports over DICOM, and which room a report's device stands in.

A calling AE title is known when it names an active room or a peer named in the
`DICOM_PEERS` setting. A caller's AE title never moves a device that is already bound to a
room: the device's room wins and the mismatch is audited for review.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.dose.studies.models import Device
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


def room_of_device(device: Device, calling_room: Room | None) -> Room | None:
    """The room a report from `device` belongs to, given the room its caller's AE title names.

    An unbound device is bound to the caller's room. A bound device keeps its room whatever
    the caller says (an AE title is easily configured wrongly or forged); the disagreement is
    audited so that a physicist can look at it. Runs inside the import transaction.
    """
    if calling_room is None or device.room_id == calling_room.pk:
        return device.room
    if device.room_id is None:
        device.room = calling_room
        device.save(update_fields=["room"])
        return calling_room
    record(
        None,
        AuditAction.CHANGE,
        device,
        summary=(
            f"device kept in room {device.room_id}: calling AE title names room {calling_room.pk}"
        ),
        channel=AUDIT_CHANNEL,
    )
    return device.room
