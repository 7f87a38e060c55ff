"""The tokens in calendar-feed addresses.

Calendar programs cannot log in, so a feed address carries a token: an HMAC of the feed (its
kind and id) under the server's secret key. A feed that was never re-issued has no key row
and keeps the token it always had. Re-issuing stores a new random value that goes into the
token, so the old address stops working at once and only that feed is affected.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.crypto import constant_time_compare, salted_hmac

from irsuite.scheduling.feeds.models import FeedKey, FeedKind

# Why a feed needs no login (the access declaration of the feed routes).
FEED_ACCESS = "a calendar program opens it with the secret token in its address"

# Each kind keeps the salt and message its tokens were first issued with, so addresses already
# handed out stay valid until their feed is re-issued.
SALTS = {
    FeedKind.ROOM: "irsuite.scheduling.feeds.ical",
    FeedKind.OPERATOR: "irsuite.scheduling.feeds.ical",
    FeedKind.ROSTER: "irsuite.scheduling.roster.ical",
}


def token_for(kind: FeedKind, pk: int, secret: str) -> str:
    """The token of one feed under `secret` (empty for a feed never re-issued)."""
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
    return token_for(kind, pk, secret)


def token_ok(kind: FeedKind, pk: int, token: str) -> bool:
    """Whether `token` opens the feed now; a re-issued feed's old token does not."""
    return constant_time_compare(feed_token(kind, pk), token or "")
