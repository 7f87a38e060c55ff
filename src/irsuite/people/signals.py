"""Logins, logouts and failed logins go to the audit log (the doors, not only the rooms)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record


def _channel(request: Any) -> str:
    path = getattr(request, "path", "") or ""
    return "admin" if path.startswith("/admin/") else "web"


def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(user, AuditAction.LOGIN, user, summary="logged in", channel=_channel(request))


def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(user, AuditAction.LOGOUT, user, summary="logged out", channel=_channel(request))


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **_: Any
) -> None:
    # The attempted user name goes in `object_id` (never the password, which Django has
    # already masked); a failed login names no patient.
    username = str(credentials.get("username", ""))[:64]
    record(
        None,
        AuditAction.LOGIN_FAILED,
        object_type="auth.user",
        object_id=username,
        summary="failed login",
        channel=_channel(request),
    )


def on_lockout(sender: Any, request: Any = None, username: str = "", **_: Any) -> None:
    record(
        None,
        AuditAction.LOCKOUT,
        object_type="auth.user",
        object_id=str(username)[:64],
        summary="login locked out after repeated failures",
        channel=_channel(request),
    )


def connect() -> None:
    from axes.signals import user_locked_out

    user_locked_out.connect(on_lockout, dispatch_uid="irsuite-audit-lockout")
    user_logged_in.connect(on_login, dispatch_uid="irsuite-audit-login")
    user_logged_out.connect(on_logout, dispatch_uid="irsuite-audit-logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="irsuite-audit-login-failed")
