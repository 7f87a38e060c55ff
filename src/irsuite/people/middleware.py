"""Shared workstations: a session left idle is closed (IRSUITE_IDLE_MINUTES)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse

LAST_SEEN = "irsuite_last_seen"
WRITE_EVERY_SECONDS = 60  # the session is saved at most once a minute for this


class IdleTimeoutMiddleware:
    """Log out a browser session after `IDLE_TIMEOUT_SECONDS` without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated and LAST_SEEN in session:
            idle = time.time() - float(session[LAST_SEEN])
            if idle > settings.IDLE_TIMEOUT_SECONDS:
                return self._close(request)
        response = self.get_response(request)
        if session is not None and request.user.is_authenticated:
            last = float(session.get(LAST_SEEN, 0))
            if time.time() - last > WRITE_EVERY_SECONDS:
                session[LAST_SEEN] = time.time()
        return response

    def _close(self, request: HttpRequest) -> HttpResponse:
        minutes = settings.IDLE_TIMEOUT_SECONDS // 60
        logout(request)
        text = f"You were logged out after {minutes} minutes without activity; log in again."
        if request.path.startswith("/api/"):
            return JsonResponse({"error": text, "detail": None}, status=401)
        messages.info(request, text)
        return redirect_to_login(request.get_full_path())


SECOND_FACTOR_OPEN = ("/account/", "/logout/", "/login/", "/static/", "/api/v1/health")


class SecondFactorMiddleware:
    """After the password, a user with an authenticator must give its code; production
    sends an administrator without one to set it up before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not getattr(user, "is_verified", lambda: True)():
            from irsuite.people.account.services import has_second_factor, second_factor_required

            if has_second_factor(user) and not request.path.startswith("/account/verify/"):
                if not request.path.startswith(SECOND_FACTOR_OPEN):
                    return redirect_to_login(request.get_full_path(), "/account/verify/")
            elif second_factor_required(user) and not request.path.startswith(SECOND_FACTOR_OPEN):
                return redirect_to_login(request.get_full_path(), "/account/")
        return self.get_response(request)
