"""The interfaces page: peers, inbox, outbox, mappings; replay and resend."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.errors import ServiceError
from irsuite.interop.hl7.codes import InboxStatus, MappingKind, OutboxStatus
from irsuite.interop.hl7.inbound.services import replay
from irsuite.interop.hl7.models import CodeMapping, InboxMessage, OutboxMessage, Peer
from irsuite.interop.hl7.outbound.services import resend
from irsuite.interop.hl7.page import queries
from irsuite.interop.hl7.peers.services import delete_mapping, set_mapping
from irsuite.people.access import require
from irsuite.people.roles import Capability as C

PAGE_SIZE = 50


@require(C.INTEGRATION)
def overview(http: HttpRequest) -> HttpResponse:
    q, status = http.GET.get("q", "").strip(), http.GET.get("status", "")
    inbox = queries.search(InboxMessage.objects.select_related("peer"), q, status)
    outbox = queries.search(OutboxMessage.objects.select_related("peer"), q, status)
    context = {
        "peers": Peer.objects.select_related("site"),
        "inbox": Paginator(inbox, PAGE_SIZE).get_page(http.GET.get("in")),
        "outbox": Paginator(outbox, PAGE_SIZE).get_page(http.GET.get("out")),
        "hours": queries.hourly(),
        "q": q,
        "status": status,
        "statuses": InboxStatus.choices + OutboxStatus.choices,
    }
    return render(http, "interop/hl7/overview.html", context)


@require(C.INTEGRATION)
def inbox_message(http: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(InboxMessage.objects.select_related("peer"), pk=pk)
    text = queries.inbox_text(row)
    context = {"row": row, "kind": "inbox", "text": text, "segments": queries.parsed(text)}
    return render(http, "interop/hl7/message.html", context)


@require(C.INTEGRATION)
def outbox_message(http: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(OutboxMessage.objects.select_related("peer"), pk=pk)
    context = {"row": row, "kind": "outbox", "text": row.text, "segments": queries.parsed(row.text)}
    return render(http, "interop/hl7/message.html", context)


@require_POST
@require(C.INTEGRATION)
def replay_message(http: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(InboxMessage, pk=pk)
    try:
        row = replay(row, by=http.user)
        messages.success(http, f"Replayed: {row.ack_code} {row.reason}".strip())
    except ServiceError as exc:
        messages.error(http, exc.message)
    return redirect("interop:hl7-inbox", pk=pk)


@require_POST
@require(C.INTEGRATION)
def resend_message(http: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(OutboxMessage, pk=pk)
    try:
        resend(row, by=http.user)
        messages.success(http, "Queued to be sent again.")
    except ServiceError as exc:
        messages.error(http, exc.message)
    return redirect("interop:hl7-outbox", pk=pk)


@require(C.INTEGRATION)
def mappings(http: HttpRequest) -> HttpResponse:
    if http.method == "POST":
        peer_id = http.POST.get("peer", "")
        peer = Peer.objects.filter(pk=int(peer_id)).first() if peer_id.isdigit() else None
        try:
            if http.POST.get("delete", "").isdigit():
                delete_mapping(
                    get_object_or_404(CodeMapping, pk=int(http.POST["delete"])), by=http.user
                )
            else:
                set_mapping(
                    by=http.user,
                    kind=http.POST.get("kind", ""),
                    peer=peer,
                    external_code=http.POST.get("external_code", ""),
                    internal_code=http.POST.get("internal_code", ""),
                    description=http.POST.get("description", ""),
                )
            messages.success(http, "Mapping saved.")
        except ServiceError as exc:
            messages.error(http, exc.message)
        return redirect("interop:hl7-mappings")
    context = {
        "rows": CodeMapping.objects.select_related("peer", "updated_by"),
        "kinds": MappingKind.choices,
        "peers": Peer.objects.all(),
    }
    return render(http, "interop/hl7/mappings.html", context)
