"""The secrets behind calendar-feed addresses, and re-issuing one to revoke the old address.

Calendar programs cannot log in, so a feed address carries a token: an HMAC of the feed (its
kind and id) under the server's secret key. A feed that was never re-issued has no key row
and keeps the token it always had. Re-issuing stores a new random value that goes into the
token, so the old address stops working at once and only that feed is affected.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record


class FeedKind(models.TextChoices):
    ROOM = "room", "Room bookings"
    OPERATOR = "operator", "Operator bookings"
    ROSTER = "roster", "On-call duties"


# Each kind keeps the salt and message its tokens were first issued with, so addresses already
# handed out stay valid until their feed is re-issued.
SALTS = {
    FeedKind.ROOM: "irsuite.scheduling.feeds.ical",
    FeedKind.OPERATOR: "irsuite.scheduling.feeds.ical",
    FeedKind.ROSTER: "irsuite.scheduling.roster.ical",
}


class FeedKey(models.Model):
    """The current secret of one calendar feed (absent until the feed is first re-issued)."""

    kind = models.CharField(max_length=16, choices=FeedKind.choices)
    object_id = models.PositiveBigIntegerField()
    secret = models.CharField(max_length=64)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        app_label = "scheduling"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="feed_key_once")]

    def __str__(self) -> str:
        return f"{self.kind} feed {self.object_id}"


def _token(kind: FeedKind, pk: int, secret: str) -> str:
    message = f"{kind.value}:{pk}" + (f":{secret}" if secret else "")
    return salted_hmac(SALTS[kind], message, algorithm="sha256").hexdigest()[:32]


def secrets_of(kind: FeedKind, pks: Iterable[int]) -> dict[int, str]:
    """The current secrets of several feeds in one query (feeds never re-issued are absent)."""
    rows = FeedKey.objects.filter(kind=kind, object_id__in=list(pks))
    return dict(rows.values_list("object_id", "secret"))


def feed_token(kind: FeedKind, pk: int, secret: str | None = None) -> str:
    """The token that opens one feed now (`secret` when the caller already looked it up)."""
    if secret is None:
        secret = secrets_of(kind, [pk]).get(pk, "")
    return _token(kind, pk, secret)


def token_ok(kind: FeedKind, pk: int, token: str) -> bool:
    """Whether `token` opens the feed now; a re-issued feed's old token does not."""
    return constant_time_compare(feed_token(kind, pk), token or "")


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
    return _token(kind, pk, secret)
