"""Peers and mapping tables: configured from the command line or the interfaces page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, record, snapshot
from irsuite.errors import Conflict, NotFound, ValidationFailed
from irsuite.interop.hl7.codes import MappingKind, OrderMessage, UnhandledEvents
from irsuite.interop.hl7.models import CodeMapping, Peer
from irsuite.interop.hl7.peers import queries
from irsuite.interop.hl7.peers.queries import mapped, peer_for
from irsuite.people.models import Site

if TYPE_CHECKING:
    from irsuite.cases.models import CatalogueEntry, Request

CHANNEL = "hl7"


def forget_peers() -> None:
    """Drop what the listener holds in memory (peers, sites, mapping rules)."""
    queries.forget()


@transaction.atomic
def add_peer(
    *,
    by: Actor,
    name: str,
    application: str,
    facility: str,
    site_code: str = "",
    outbound_host: str = "",
    outbound_port: int | None = None,
    order_message: str = OrderMessage.ORM,
    unhandled_events: str = UnhandledEvents.ACCEPT,
    send_report_pdf: bool = False,
    fallback_procedure: str = "",
    channel: str = "cli",
) -> Peer:
    """Configure a peer by its MSH-3 application and MSH-4 facility."""
    if not (name.strip() and application.strip() and facility.strip()):
        raise ValidationFailed("Give the peer a name, an application (MSH-3) and a facility.")
    if bool(outbound_host) != bool(outbound_port):
        raise ValidationFailed("Give both --outbound-host and --outbound-port, or neither.")
    site = None
    if site_code:
        site = Site.objects.filter(code=site_code).first()
        if site is None:
            raise NotFound(f"No site has code {site_code!r}; list sites in the admin.")
    if Peer.objects.filter(application=application, facility=facility).exists():
        raise Conflict(f"A peer already sends as {application}/{facility}.")
    if Peer.objects.filter(name=name).exists():
        raise Conflict(f"A peer is already named {name!r}; pick another name.")
    peer = Peer.objects.create(
        name=name.strip(),
        application=application.strip(),
        facility=facility.strip(),
        site=site,
        outbound_host=outbound_host,
        outbound_port=outbound_port,
        order_message=order_message,
        unhandled_events=unhandled_events,
        send_report_pdf=send_report_pdf,
        fallback_procedure=fallback_procedure,
    )
    record(
        by,
        AuditAction.CREATE,
        peer,
        after=snapshot(peer),
        summary="HL7 peer added",
        channel=channel,
    )
    queries.changed()
    return peer


@transaction.atomic
def update_peer(peer: Peer, *, by: Actor, changes: dict[str, object], channel: str = "web") -> Peer:
    """Change a peer's settings (audited before/after)."""
    before = snapshot(peer)
    for name, value in changes.items():
        setattr(peer, name, value)
    if bool(peer.outbound_host) != bool(peer.outbound_port):
        raise ValidationFailed("Give both the outbound host and port, or neither.")
    peer.save()
    record(
        by,
        AuditAction.CHANGE,
        peer,
        before=before,
        after=snapshot(peer),
        summary="HL7 peer changed",
        channel=channel,
    )
    queries.changed()
    return peer


@transaction.atomic
def remove_peer(name: str, *, by: Actor, channel: str = "cli") -> None:
    """Deactivate a peer (its messages stay; it no longer connects or receives)."""
    peer = Peer.objects.filter(name=name).first()
    if peer is None:
        raise NotFound(f"No HL7 peer is named {name!r}; `irsuite hl7-peer list` shows them.")
    update_peer(peer, by=by, changes={"active": False}, channel=channel)


@transaction.atomic
def set_mapping(
    *,
    by: Actor,
    kind: str,
    external_code: str,
    internal_code: str,
    peer: Peer | None = None,
    description: str = "",
    channel: str = "web",
    reason: str = "",
) -> CodeMapping:
    """Add or change one mapping rule; each change raises its version and is audited (with
    `reason` when the rule is written for someone, e.g. learnt at vetting)."""
    if kind not in MappingKind.values:
        raise ValidationFailed(f"Mapping kind {kind!r} is unknown; use one of the listed kinds.")
    if not external_code.strip() or not internal_code.strip():
        raise ValidationFailed("Give both the peer's code and the code it means here.")
    row = (
        CodeMapping.objects.select_for_update()
        .filter(kind=kind, peer=peer, external_code=external_code.strip())
        .first()
    )
    user = by if by is not None and getattr(by, "is_authenticated", False) else None
    if row is None:
        row = CodeMapping.objects.create(
            kind=kind,
            peer=peer,
            external_code=external_code.strip(),
            internal_code=internal_code.strip(),
            description=description,
            updated_by=user,
        )
        record(
            by,
            AuditAction.CREATE,
            row,
            after=snapshot(row),
            summary="mapping added",
            reason=reason,
            channel=channel,
        )
        queries.changed()
        return row
    before = snapshot(row)
    row.internal_code, row.description = internal_code.strip(), description
    row.version += 1
    row.updated_by = user
    row.save()
    record(
        by,
        AuditAction.CHANGE,
        row,
        before=before,
        after=snapshot(row),
        summary=f"mapping changed (version {row.version})",
        reason=reason,
        channel=channel,
    )
    queries.changed()
    return row


@transaction.atomic
def delete_mapping(row: CodeMapping, *, by: Actor, channel: str = "web") -> None:
    """Remove a mapping rule (audited with what it was)."""
    record(
        by,
        AuditAction.DELETE,
        row,
        before=snapshot(row),
        summary="mapping removed",
        channel=channel,
    )
    row.delete()
    queries.changed()


def order_source(request: Request) -> str | None:
    """The name of the peer that sent `request`'s order, None for a request made here."""
    if not request.placer_order_number:
        return None
    peer = queries.peer_of_order(request.accession_number)
    return peer.name if peer is not None else None


def learn_procedure(
    request: Request, unmapped: str, entry: CatalogueEntry, by: Actor, channel: str
) -> None:
    """The vetting attending named the catalogue entry of an order whose code was not mapped:
    a "procedure" rule for the peer that sent it maps the code (OBR-4.1, kept on its own) for
    its next orders, described by the text the order gave with it (OBR-4.2)."""
    peer = queries.peer_of_order(request.accession_number) if request.placer_order_number else None
    code = unmapped.strip()
    if peer is None or not code:
        raise ValidationFailed(
            "The system that sent this order is not known here any more, so no mapping can be "
            "added; vet the request without mapping its code."
        )
    text = request.unmapped_text.strip()
    # The vetting attending (checked by the vetting service) writes this one rule: the write
    # guard lets a vetter write mapping rules, and the audit entry names them.
    user = by if by is not None and getattr(by, "is_authenticated", False) else None
    who = user.get_username() if user is not None else "the system"
    set_mapping(
        by=user,
        kind=MappingKind.PROCEDURE,
        external_code=code,
        internal_code=entry.code,
        peer=peer,
        description=text[: CodeMapping._meta.get_field("description").max_length or 200],
        channel=channel,
        reason=f"Learnt from {who}'s vetting of request {request.accession_number}.",
    )


__all__ = [
    "learn_procedure",
    "order_source",
    "add_peer",
    "delete_mapping",
    "forget_peers",
    "mapped",
    "peer_for",
    "remove_peer",
    "set_mapping",
    "update_peer",
]
