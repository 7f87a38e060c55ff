"""What the listener looks up for every message, kept in memory: peers, sites, mapping rules.

A message names its sender (MSH-3/MSH-4), its identifiers' assigning authorities and its codes;
each is the same for thousands of messages, so each is read from the database once. The
cache holds until the configuration generation (`ConfigGeneration`, raised by every change to a
peer, a mapping rule or a site, in any process) moves. The listener reads that number with
the statement that stores each message and compares it with `generation()`, what the cache was
read under; `refresh()` forgets everything when it changed (reading the number itself when not
given it, as a replay does).
"""

from __future__ import annotations

import threading

from django.db import connection, transaction
from django.db.models import F

from irsuite.interop.hl7.codes import InboxStatus, MappingKind
from irsuite.interop.hl7.models import CodeMapping, ConfigGeneration, InboxMessage, Peer
from irsuite.people.models import Site

_lock = threading.Lock()
_generation: list[int | None] = [None]
_peers: dict[tuple[str, str], Peer | None] = {}
_sites: dict[str, Site | None] = {}
_mappings: dict[tuple[str, int | None, str], str | None] = {}
GENERATION_SQL = f"SELECT generation FROM {ConfigGeneration._meta.db_table} WHERE id = 1"  # noqa: S608


def forget() -> None:
    """Drop everything held (after a change in this process; also between tests)."""
    with _lock:
        _peers.clear()
        _sites.clear()
        _mappings.clear()
        _generation[0] = None


def refresh(current: int | None = None) -> None:
    """Forget what is held if the configuration changed since it was read (one query, or
    none when the caller read `GENERATION_SQL` with its own)."""
    if current is None:
        with connection.cursor() as cursor:
            cursor.execute(GENERATION_SQL)
            row = cursor.fetchone()
        current = int(row[0]) if row and row[0] is not None else 0
    if current != _generation[0]:
        forget()
        _generation[0] = current


def generation() -> int:
    """The configuration generation what is held was read under (read now when nothing is)."""
    if _generation[0] is None:
        refresh()
    return _generation[0] or 0


def changed() -> None:
    """Raise the configuration generation (in the writer's transaction) and forget locally."""
    bumped = ConfigGeneration.objects.filter(pk=1).update(generation=F("generation") + 1)
    if not bumped:
        ConfigGeneration.objects.get_or_create(pk=1, defaults={"generation": 1})
    forget()
    transaction.on_commit(forget)


def peer_for(application: str, facility: str) -> Peer | None:
    """The active peer with this MSH-3/MSH-4 (its site loaded), or None."""
    key = (application, facility)
    if key in _peers:
        return _peers[key]
    found = (
        Peer.objects.select_related("site")
        .filter(application=application, facility=facility, active=True)
        .first()
    )
    with _lock:
        _peers[key] = found
    return found


def site_with_code(code: str) -> Site | None:
    """The site whose code is `code` (any case), or None."""
    key = code.upper()
    if key in _sites:
        return _sites[key]
    found = Site.objects.filter(code__iexact=code).first()
    with _lock:
        _sites[key] = found
    return found


def mapped(kind: MappingKind, peer: Peer | None, code: str) -> str | None:
    """What a peer's code means here: its own rule first, then a rule for any peer."""
    if not code:
        return None
    key = (str(kind), peer.pk if peer is not None else None, code)
    if key in _mappings:
        return _mappings[key]
    rows = {
        row.peer_id: row.internal_code
        for row in CodeMapping.objects.filter(kind=kind, external_code=code)
        if row.peer_id is None or (peer is not None and row.peer_id == peer.pk)
    }
    found = rows.get(peer.pk if peer is not None else None, rows.get(None))
    with _lock:
        _mappings[key] = found
    return found


def peer_of_order(accession_number: str) -> Peer | None:
    """The peer whose order message made (or last changed) the request with this accession
    number: the inbox keeps each applied order with the request's accession number."""
    row = (
        InboxMessage.objects.select_related("peer")
        .filter(accession=accession_number, peer__isnull=False, status=InboxStatus.APPLIED)
        .order_by("-pk")
        .first()
    )
    return row.peer if row is not None else None
