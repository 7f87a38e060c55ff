"""The quarantine page: files that could not be imported, to re-process or discard."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.dose.importing.models import QuarantinedFile, QuarantineStatus
from irsuite.dose.importing.services import discard, reprocess
from irsuite.errors import ServiceError
from irsuite.people.access import require
from irsuite.people.roles import Capability as C

PAGE_SIZE = 50


@require(C.ADMINISTER)
def quarantine(request: HttpRequest) -> HttpResponse:
    """Files that could not be imported, with the reason."""
    items = QuarantinedFile.objects.defer("content").filter(status=QuarantineStatus.OPEN)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dose/quarantine.html", {"page": page})


@require_POST
@require(C.ADMINISTER)
def quarantine_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-process a held file, or discard it (it is kept for the record)."""
    held = get_object_or_404(QuarantinedFile, pk=pk)
    user: Any = request.user
    try:
        if request.POST.get("action") == "discard":
            discard(held, by=user)
            messages.success(request, "The file is discarded (kept for the record).")
        else:
            outcome = reprocess(held, by=user)
            messages.info(request, f"Re-processed: {outcome.status.value}. {outcome.reason or ''}")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("dose:quarantine")
