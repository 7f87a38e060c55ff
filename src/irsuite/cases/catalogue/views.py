"""The catalogue browser: procedures by family, and one entry with its consent and follow-up."""

from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from irsuite.cases.catalogue.models import CatalogueEntry
from irsuite.cases.catalogue.queries import active_entries
from irsuite.domain.catalogue import Family
from irsuite.people.access import require
from irsuite.people.roles import Capability as C


@require(C.VIEW_CATALOGUE)
def catalogue(request: HttpRequest) -> HttpResponse:
    family = request.GET.get("family") or ""
    query = (request.GET.get("q") or "").strip()
    entries = active_entries(family=family, text=query)
    grouped = [(fam, list(group)) for fam, group in groupby(entries, key=lambda e: e.family_label)]
    return render(
        request,
        "cases/catalogue.html",
        {
            "grouped": grouped,
            "families": [(f.value, f.value.replace("_", " ").capitalize()) for f in Family],
            "family": family,
            "q": query,
            "count": sum(len(g) for _, g in grouped),
        },
    )


@require(C.VIEW_CATALOGUE)
def catalogue_entry(request: HttpRequest, code: str) -> HttpResponse:
    entry = get_object_or_404(CatalogueEntry, code=code)
    return render(request, "cases/catalogue_entry.html", {"entry": entry})
