"""Your account: the second factor (TOTP) and your API tokens (create, list, revoke)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.errors import ServiceError
from irsuite.people.access import logged_in
from irsuite.people.account import services
from irsuite.people.models import ApiToken
from irsuite.people.tokens import issue_token, revoke_token, tokens_of


@logged_in
def account(request: HttpRequest) -> HttpResponse:
    context = {
        "tokens": tokens_of(request.user),
        "has_second_factor": services.has_second_factor(request.user),
        "required": services.second_factor_required(request.user),
        "new_token": request.session.pop("irsuite_new_token", None),
    }
    if not context["has_second_factor"]:
        device = services.pending_device(request.user)
        context["setup_key"] = device.config_url.split("secret=")[1].split("&")[0]
        context["setup_url"] = device.config_url
    return render(request, "people/account.html", context)


@require_POST
@logged_in
def confirm_second_factor(request: HttpRequest) -> HttpResponse:
    try:
        device = services.confirm_device(request.user, request.POST.get("code", ""))
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("account:account")
    otp_login(request, device)
    messages.success(request, "The authenticator now guards your logins.")
    return redirect("account:account")


@logged_in
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of a login: the code from the user's authenticator."""
    if request.method == "POST":
        device = match_token(request.user, request.POST.get("code", "").strip())
        if device is not None:
            otp_login(request, device)
            record(request.user, AuditAction.LOGIN, device, summary="second factor verified")
            target = request.GET.get("next", "/")
            safe = url_has_allowed_host_and_scheme(target, {request.get_host()})
            return redirect(target if safe else "/")
        messages.error(
            request, "That code does not match; type the code your authenticator shows now."
        )
    return render(request, "people/verify.html", {})


@require_POST
@logged_in
def create_token(request: HttpRequest) -> HttpResponse:
    try:
        days = int(request.POST.get("days") or 90)
        token = issue_token(
            request.user, label=request.POST.get("label", "").strip(), channel="web", days=days
        )
    except (ValueError, ServiceError) as error:
        messages.error(request, getattr(error, "message", "Give the token's lifetime in days."))
        return redirect("account:account")
    request.session["irsuite_new_token"] = token
    return redirect("account:account")


@require_POST
@logged_in
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=token_id, user_id=request.user.pk or 0).first()
    if token is None:
        raise Http404("Not found: it does not exist, or it is not yours.")
    revoke_token(token, by=request.user)
    messages.success(request, f"Token {token.prefix}… revoked.")
    return redirect("account:account")
