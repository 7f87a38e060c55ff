"""Re-issuing a calendar feed's address, which revokes the old one."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.scheduling.feeds.models import FeedKey, FeedKind
from irsuite.scheduling.feeds.tokens import token_for


@transaction.atomic
def reissue(kind: FeedKind, pk: int, *, by: AbstractBaseUser) -> str:
    """Give the feed a new address; the old one stops working. Returns the new token."""
    secret = secrets.token_hex(16)
    FeedKey.objects.update_or_create(
        kind=kind,
        object_id=pk,
        defaults={"secret": secret, "issued_at": timezone.now(), "issued_by": by},
    )
    record(
        by,
        AuditAction.CHANGE,
        object_type="scheduling.feed",
        object_id=f"{kind.value}:{pk}",
        summary=f"calendar feed address re-issued ({kind.label.lower()})",
    )
    return token_for(kind, pk, secret)
