"""Issuing and checking API tokens (`irs_<prefix>_<secret>`; only a digest is stored)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.errors import NotFound, ValidationFailed
from irsuite.people.access import has_capability
from irsuite.people.models import TOKEN_LIFETIME_DAYS, ApiToken
from irsuite.people.roles import Capability

MAX_TOKEN_DAYS = 365

TOKEN_PATTERN = re.compile(r"^irs_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,64})$")


class MalformedToken(ValueError):
    """The Authorization header does not hold an irsuite token."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@transaction.atomic
def issue_token(
    user: Any, label: str = "", channel: str = "cli", days: int = TOKEN_LIFETIME_DAYS
) -> str:
    """Create a token for `user`, valid for `days` (1 to 365); return it: it is shown once."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationFailed(f"A token lives 1 to {MAX_TOKEN_DAYS} days; choose a number in it.")
    prefix = "".join(
        secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789") for _ in range(8)
    )
    token = f"irs_{prefix}_{secrets.token_urlsafe(32)}"
    api_token = ApiToken.objects.create(
        user=user,
        prefix=prefix,
        digest=_digest(token),
        label=label[:100],
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    record(
        user,
        AuditAction.TOKEN,
        api_token,
        after={"prefix": prefix, "label": api_token.label, "expires_at": api_token.expires_at},
        summary=f"API token {prefix} issued",
        channel=channel,
    )
    return token


def tokens_of(user: Any) -> list[ApiToken]:
    """A user's tokens, newest first (their secrets are never stored, only prefixes)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at"))


@transaction.atomic
def revoke_token(token: ApiToken, *, by: Any, channel: str = "web") -> ApiToken:
    """Revoke a token: its owner may, and so may an administrator; audited."""
    if token.user_id != getattr(by, "pk", None) and not has_capability(by, Capability.ADMINISTER):
        raise NotFound("Not found: it does not exist, or your role does not give access to it.")
    if not token.revoked:
        ApiToken.objects.filter(pk=token.pk).update(revoked=True)
        token.revoked = True
        record(
            by,
            AuditAction.TOKEN,
            token,
            before={"revoked": False},
            after={"revoked": True},
            summary=f"API token {token.prefix} revoked",
            channel=channel,
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
    now = timezone.now()
    if found is None or not found.user.is_active or found.expires_at <= now:
        return None
    if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user
