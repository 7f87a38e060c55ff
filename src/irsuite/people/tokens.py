"""Issuing and checking API tokens (`irs_<prefix>_<secret>`; only a digest is stored)."""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.people.models import ApiToken

TOKEN_PATTERN = re.compile(r"^irs_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,64})$")


class MalformedToken(ValueError):
    """The Authorization header does not hold an irsuite token."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@transaction.atomic
def issue_token(user: Any, label: str = "", channel: str = "cli") -> str:
    """Create a token for `user` and return it; it cannot be shown again."""
    prefix = "".join(
        secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789") for _ in range(8)
    )
    token = f"irs_{prefix}_{secrets.token_urlsafe(32)}"
    api_token = ApiToken.objects.create(
        user=user, prefix=prefix, digest=_digest(token), label=label
    )
    record(
        user, AuditAction.TOKEN, api_token, summary=f"API token {prefix} issued", channel=channel
    )
    return token


def user_for_token(token: str) -> Any:
    """The active user a token belongs to, or None. Raises MalformedToken for garbage."""
    if not TOKEN_PATTERN.match(token):
        raise MalformedToken("The API token is malformed: expected irs_<prefix>_<secret>.")
    found = (
        ApiToken.objects.select_related("user", "user__staff")
        .filter(digest=_digest(token), revoked=False)
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    now = timezone.now()
    if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user
