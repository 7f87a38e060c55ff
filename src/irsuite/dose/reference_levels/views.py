"""Pages: the published local DRLs, and publishing one from the department's studies."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from irsuite.bounds import query_date
from irsuite.cases.models import CatalogueEntry
from irsuite.cases.views import attempt
from irsuite.domain.dose_thresholds import DoseQuantity
from irsuite.dose.reference_levels.models import LocalDrl
from irsuite.dose.reference_levels.services import publish_local_drl
from irsuite.people.access import has_capability, require
from irsuite.people.roles import Capability as C

# The quantities a local DRL is set for, in words with their unit.
QUANTITY_WORDS = {
    DoseQuantity.KAP_GYCM2.value: "KAP (Gy·cm²)",
    DoseQuantity.KA_R_MGY.value: "Ka,r (mGy)",
    DoseQuantity.FLUORO_TIME_S.value: "Fluoroscopy time (s)",
    DoseQuantity.DLP_MGYCM.value: "DLP (mGy·cm)",
}


def _day(raw: str, default: dt.date) -> dt.date:
    return query_date(raw) or default


@require(C.VIEW_DOSE)
def local_drls(request: HttpRequest) -> HttpResponse:
    """The local DRLs in force, and those they replaced."""
    today = timezone.localdate()
    levels = list(LocalDrl.objects.select_related("published_by"))
    for level in levels:
        level.quantity_words = QUANTITY_WORDS.get(level.quantity, level.quantity)  # type: ignore[attr-defined]
    return render(
        request,
        "dose/local_drls.html",
        {
            "current": [lv for lv in levels if lv.superseded_at is None],
            "superseded": [lv for lv in levels if lv.superseded_at is not None],
            "entries": CatalogueEntry.objects.filter(active=True, fluoro_dose_expected=True)
            .only("code", "name")
            .order_by("name"),
            "quantities": QUANTITY_WORDS.items(),
            "default_from": today.replace(year=today.year - 1),
            "today": today,
            "can_publish": has_capability(request.user, C.MANAGE_DOSE),
        },
    )


@require_POST
@require(C.MANAGE_DOSE)
def publish(request: HttpRequest) -> HttpResponse:
    """Compute and publish the local DRL the form asks for."""
    today = timezone.localdate()
    post = request.POST
    attempt(
        request,
        lambda: publish_local_drl(
            post.get("entry", ""),
            post.get("quantity", ""),
            _day(post.get("from", ""), today.replace(year=today.year - 1)),
            _day(post.get("to", ""), today),
            by=request.user,
        ),
        "Local DRL published.",
    )
    return redirect("dose:local_drls")
