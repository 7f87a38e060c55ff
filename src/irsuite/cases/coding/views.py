"""Page action: the coder records a procedure's codes from its page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from irsuite.cases.coding import services
from irsuite.cases.procedures.models import Procedure
from irsuite.cases.views import attempt
from irsuite.people.access import require
from irsuite.people.roles import Capability as C


@require_POST
@require(C.VIEW_CODING)
def procedure_codes(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the ticked candidate codes and any others typed (space or comma separated)."""
    procedure = get_object_or_404(Procedure.objects.select_related("request"), pk=pk)
    typed = request.POST.get("other", "").replace(",", " ").split()
    codes = [*request.POST.getlist("code"), *typed]
    done = attempt(request, lambda: services.record_codes(procedure, codes, by=request.user))
    if done is not None:
        said = f"Codes recorded: {', '.join(done)}." if done else "Codes removed: not coded."
        messages.success(request, said)
    return redirect("cases:procedure", pk)
