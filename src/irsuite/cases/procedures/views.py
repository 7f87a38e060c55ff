"""The procedure record page: times, team, access, devices, signature and addenda."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from irsuite.cases import hooks
from irsuite.cases.procedures import services as ps
from irsuite.cases.procedures.forms import (
    AccessForm,
    AddendumForm,
    DeviceForm,
    ProcedureForm,
    TeamForm,
)
from irsuite.cases.procedures.models import Procedure, SampleAdequacy, TeamMember
from irsuite.cases.procedures.queries import dose_on_record
from irsuite.cases.procedures.rules import signing_problems
from irsuite.cases.requests import services
from irsuite.cases.views import attempt, service_error, submit
from irsuite.errors import NotFound, ServiceError
from irsuite.patients.services import record_chart_view
from irsuite.people.access import UserLike, has_capability, require
from irsuite.people.policy import get_for
from irsuite.people.roles import Capability as C

# Who reads a procedure record: the IR team, and a referrer for the requests they made.
READERS = (C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)


def _load(pk: int, user: UserLike = None) -> Procedure:
    """The procedure with what its page shows; with `user`, only when in that user's reach."""
    rows = Procedure.objects.select_related(
        "request__patient",
        "request__catalogue_entry",
        "request__site",
        "room__site",
        "signed_by",
    ).prefetch_related("entries", "team__staff", "access_sites", "devices", "addenda__author")
    if user is None:
        return get_object_or_404(rows, pk=pk)
    try:
        return get_for(user, READERS, rows, pk)
    except NotFound as missing:
        raise Http404(missing.message) from None


def _context(
    request: HttpRequest, procedure: Procedure, form: ProcedureForm | None = None
) -> dict[str, Any]:
    return {
        "procedure": procedure,
        "item": procedure.request,
        "form": form or ProcedureForm(instance=procedure, initial={"version": procedure.version}),
        "team_form": TeamForm(prefix="team"),
        "access_form": AccessForm(prefix="access"),
        "device_form": DeviceForm(prefix="device"),
        "addendum_form": AddendumForm(prefix="addendum"),
        "can_edit": not procedure.is_signed and has_capability(request.user, C.RECORD_PROCEDURE),
        "can_record": has_capability(request.user, C.RECORD_PROCEDURE),
        "can_sign": not procedure.is_signed and has_capability(request.user, C.SIGN_PROCEDURE),
        "signing_problems": [] if procedure.is_signed else signing_problems(procedure),
        "identified": has_capability(request.user, C.VIEW_PATIENTS, C.VIEW_OWN_REQUESTS),
        "panels": hooks.render_panels(hooks.PROCEDURE_PANELS, procedure, request),
        "dose": dose_on_record(procedure),
        "codes": [c.code for c in procedure.codes.all()],
        "candidates": [c for entry in procedure.entries.all() for c in entry.cpt if c.get("code")],
        "can_code": has_capability(request.user, C.VIEW_CODING),
        "takes_sample": any(
            item.get("indicator") == "diagnostic_yield"
            for entry in procedure.entries.all()
            for item in entry.quality or []
        ),
        "sample_choices": SampleAdequacy.choices,
    }


@require(*READERS)
def procedure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show (GET) or save (POST) the procedure record; a stale save is refused (409)."""
    procedure = _load(pk, request.user)
    if request.method == "GET":
        if has_capability(request.user, C.VIEW_PATIENTS, C.VIEW_OWN_REQUESTS):
            record_chart_view(request.user, procedure.request.patient)
        return render(request, "cases/procedure.html", _context(request, procedure))
    if not has_capability(request.user, C.RECORD_PROCEDURE):
        return render(request, "403.html", status=403)
    form = ProcedureForm(request.POST, instance=_load(pk))
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ProcedureForm.Meta.fields}
        try:
            services.update_procedure(
                procedure, by=request.user, version=form.cleaned_data["version"], fields=fields
            )
        except ServiceError as exc:
            service_error(request, exc, form)
            return render(
                request,
                "cases/procedure.html",
                _context(request, _load(pk), form),
                status=exc.status_code,
            )
        messages.success(request, "Procedure saved.")
        return redirect("cases:procedure", pk)
    return render(request, "cases/procedure.html", _context(request, _load(pk), form), status=422)


def _post_part(
    request: HttpRequest, pk: int, form_class: type, action: Any, success: str
) -> HttpResponse:
    procedure = _load(pk)
    prefix = form_class.__name__.removesuffix("Form").lower()
    form = form_class(request.POST, prefix=prefix)
    submit(request, form, lambda data: action(procedure, data), success=success)
    return redirect("cases:procedure", pk)


@require_POST
@require(C.RECORD_PROCEDURE)
def procedure_team(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_part(
        request,
        pk,
        TeamForm,
        lambda p, d: ps.add_team_member(p, staff=d["staff"], role=d["role"], by=request.user),
        "Added to the team.",
    )


@require_POST
@require(C.RECORD_PROCEDURE)
def procedure_team_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    member = get_object_or_404(TeamMember, pk=member_pk, procedure_id=pk)
    attempt(
        request, lambda: ps.remove_team_member(member, by=request.user), "Removed from the team."
    )
    return redirect("cases:procedure", pk)


@require_POST
@require(C.RECORD_PROCEDURE)
def procedure_access(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_part(
        request,
        pk,
        AccessForm,
        lambda p, d: ps.add_access_site(
            p,
            kind=d["kind"],
            site=d["site"],
            sheath_fr=d["sheath_fr"],
            closure=d["closure"],
            by=request.user,
        ),
        "Access site recorded.",
    )


@require_POST
@require(C.RECORD_PROCEDURE)
def procedure_device(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_part(
        request,
        pk,
        DeviceForm,
        lambda p, d: ps.add_device(p, by=request.user, **d),
        "Device recorded.",
    )


@require_POST
@require(C.SIGN_PROCEDURE)
def procedure_sign(request: HttpRequest, pk: int) -> HttpResponse:
    attempt(
        request,
        lambda: ps.sign_procedure(_load(pk), by=request.user),
        "Procedure signed and locked.",
    )
    return redirect("cases:procedure", pk)


@require_POST
@require(C.RECORD_PROCEDURE)
def procedure_addendum(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_part(
        request,
        pk,
        AddendumForm,
        lambda p, d: ps.add_addendum(p, text=d["text"], by=request.user),
        "Addendum added.",
    )


@require_POST
@require(C.RECORD_PROCEDURE)
def procedure_sample(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the pathology answer: was the sample adequate for a diagnosis."""
    procedure = _load(pk)
    attempt(
        request,
        lambda: ps.record_sample_adequacy(
            procedure, request.POST.get("sample_adequacy", ""), by=request.user
        ),
        "Sample adequacy recorded.",
    )
    return redirect("cases:procedure", pk)
