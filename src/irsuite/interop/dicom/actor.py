"""Who acts when a modality's message changes a case: the DICOM interface's own account.

Use cases check their caller's role (starting a procedure needs RECORD_PROCEDURE). A modality
has no login, so its messages act as one account that cannot sign in (no usable password,
inactive) and holds the technologist's role; the audit log names it and the channel "dicom".
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from irsuite.people.models import Staff
from irsuite.people.roles import StaffRole

USERNAME = "dicom-modality"


def modality_actor() -> AbstractBaseUser:
    """The interface account, made on first use."""
    users = get_user_model()
    user = users.objects.filter(username=USERNAME).first()
    if user is None:
        user = users(username=USERNAME, is_active=False)
        user.set_unusable_password()
        user.save()
    if not Staff.objects.filter(user=user).exists():
        Staff.objects.create(
            user=user,
            given_name="Modality",
            family_name="(DICOM interface)",
            role=StaffRole.TECHNOLOGIST,
        )
    return user
