"""Dose alert pages: the list, acknowledging and closing an alert, the patient letter (PDF)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.dose.alerts.models import AlertStatus, DoseAlert
from irsuite.dose.alerts.services import advance_alert
from irsuite.dose.reference import thresholds
from irsuite.errors import ServiceError
from irsuite.people.access import has_capability, require
from irsuite.people.roles import Capability as C

PAGE_SIZE = 50


@require(C.VIEW_DOSE)
def alerts(request: HttpRequest) -> HttpResponse:
    """Dose alerts, open first."""
    status = request.GET.get("status", AlertStatus.OPEN)
    items = DoseAlert.objects.select_related("study", "follow_up_task", "patient")
    if status in AlertStatus.values:
        items = items.filter(status=status)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "dose/alerts.html",
        {
            "page": page,
            "status": status,
            "statuses": AlertStatus.choices,
            "can_manage": has_capability(request.user, C.MANAGE_DOSE, C.SIGN_PROCEDURE),
        },
    )


@require_POST
@require(C.MANAGE_DOSE, C.SIGN_PROCEDURE)
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an alert one step on: acknowledged, then follow-up done."""
    alert = get_object_or_404(DoseAlert, pk=pk)
    user: Any = request.user
    try:
        step = AlertStatus(request.POST.get("to", ""))
        advance_alert(alert, step, by=user)
    except (ServiceError, ValueError) as error:
        messages.error(request, getattr(error, "message", "That step is not possible."))
    else:
        messages.success(request, f"Dose alert marked: {step.label.lower()}.")
    return redirect("dose:alerts")


@require(C.VIEW_DOSE)
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The patient letter for an alert, as PDF (WeasyPrint, from a Django template)."""
    from weasyprint import HTML

    alert = get_object_or_404(DoseAlert.objects.select_related("study", "patient"), pk=pk)
    if alert.patient is None:
        messages.error(request, "Link the study to a patient before writing the letter.")
        return redirect("dose:alerts")
    plan = thresholds().skin_checks
    html = render_to_string(
        "dose/letter.html",
        {
            "alert": alert,
            "patient": alert.patient,
            "study": alert.study,
            "checks": plan.after_days if plan else (),
            "today": timezone.localdate(),
        },
    )
    record(
        request.user,
        AuditAction.EXPORT,
        alert,
        patient_id=alert.patient_id,
        summary="dose letter generated",
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dose-letter-{alert.pk}.pdf"'
    return response
