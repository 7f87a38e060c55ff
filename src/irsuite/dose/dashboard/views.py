"""The physicist's dashboard: local DRLs per procedure type beside published values, the
spread per room and operator, the distribution and the monthly trend."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from irsuite.cases.models import CatalogueEntry
from irsuite.dose.dashboard import queries
from irsuite.dose.dashboard.charts import dashboard_charts
from irsuite.dose.reference_levels.queries import drl_table
from irsuite.people.access import require
from irsuite.people.models import Room
from irsuite.people.roles import Capability as C


@require(C.VIEW_DOSE)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Local DRLs per procedure type beside published values; rooms, operators and trend."""
    f = queries.dose_filter(request.GET, timezone.localdate())
    data = queries.rows(f)
    trend = queries.trend(data)
    label = queries.QUANTITIES[f.quantity]
    chart = {**queries.chart_data(data), "trend": trend, "label": label}
    return render(
        request,
        "dose/dashboard.html",
        {
            "f": f,
            "quantity_label": label,
            "quantities": [(q.value, name) for q, name in queries.QUANTITIES.items()],
            "entries": CatalogueEntry.objects.filter(active=True).order_by("name"),
            "rooms": Room.objects.order_by("name"),
            "drl": drl_table(queries.drl_values(data), f.quantity),
            "per_room": queries.by_key(data, "room"),
            "per_operator": queries.by_key(data, "operator"),
            "trend": trend,
            "chart": chart,
            "charts": dashboard_charts(f.quantity, chart),
            "query": request.GET.urlencode(),
        },
    )
