"""The second factor: a TOTP authenticator per user (RFC 6238, django-otp), audited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.errors import ValidationFailed
from irsuite.people.access import role_of
from irsuite.people.roles import StaffRole

DEVICE_NAME = "authenticator"


def second_factor_required(user: Any) -> bool:
    """Production requires a second factor of the admin role; others may choose one."""
    return settings.MODE == "production" and role_of(user) == StaffRole.ADMIN


def has_second_factor(user: Any) -> bool:
    return bool(user_has_device(user, confirmed=True))


def pending_device(user: Any) -> TOTPDevice:
    """The authenticator being set up (created unconfirmed on first call)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    return device


@transaction.atomic
def confirm_device(user: Any, code: str) -> TOTPDevice:
    """Confirm the pending authenticator with a code it shows; it then guards every login."""
    device = pending_device(user)
    if not device.verify_token(code.strip()):
        raise ValidationFailed(
            "That code does not match. Check the authenticator's clock and type the code it "
            "shows now."
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(user, AuditAction.CHANGE, device, after={"confirmed": True}, summary="second factor on")
    return device
