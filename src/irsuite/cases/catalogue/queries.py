"""Read-side queries of the procedure catalogue, shared by its page and its API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from irsuite.cases.catalogue.models import CatalogueEntry
from irsuite.cases.queries import matching


def active_entries(
    *, family: str | None = None, text: str | None = None
) -> QuerySet[CatalogueEntry]:
    """Active entries by family and name; `text` is looked for in the name and the code."""
    entries = matching(CatalogueEntry.objects.filter(active=True), family=family)
    if text:
        entries = entries.filter(Q(name__icontains=text) | Q(code__icontains=text))
    return entries.order_by("family", "name")
