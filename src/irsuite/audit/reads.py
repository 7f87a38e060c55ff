"""Every look at identified data is recorded, by one mechanism rather than by each view.

While a request is served, every patient row (and every MRN row) loaded from the database is
noted as shown (the patients app connects `note_patients` to the models' post_init signal), so
pages, PDFs, API reads, exports and the admin are covered without any view saying so; queries
that read identity as plain values (`.values(...)`) note their rows themselves, as does the
policy's `get_for`. When the response is a success, `ReadAuditMiddleware`
writes one VIEW entry per patient seen (so "who looked at this patient" is one indexed query),
naming the route, the method and how many other patients the same response showed. Writes are
audited by their services; a read that fails shows nothing and records nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse

from irsuite.audit.models import AuditAction, AuditEvent


@dataclass
class ReadLog:
    """What one request showed: patient ids, and whether it was an export."""

    patients: set[int] = field(default_factory=set)
    export: bool = False
    what: str = ""


_current: ContextVar[ReadLog | None] = ContextVar("irsuite_read_log", default=None)


def note_patients(patient_ids: Iterable[int | None], *, what: str = "") -> None:
    """Note that the response being built shows these patients' identified data."""
    log = _current.get()
    if log is None:
        return
    log.patients.update(pid for pid in patient_ids if pid is not None)
    if what and not log.what:
        log.what = what


def note_export(what: str) -> None:
    """Note that the response is an export (a file of identified data leaving the system)."""
    log = _current.get()
    if log is not None:
        log.export = True
        log.what = what


def _channel(request: HttpRequest) -> str:
    if request.path.startswith("/api/"):
        return "api"
    if request.path.startswith("/admin/"):
        return "admin"
    return "web"


def write_read_events(request: HttpRequest, log: ReadLog) -> int:
    """One VIEW (or EXPORT) entry per patient shown; returns how many were written."""
    user = request.user if request.user.is_authenticated else None
    action = AuditAction.EXPORT if log.export else AuditAction.VIEW
    route = getattr(request.resolver_match, "view_name", "") or request.path
    shown = len(log.patients)
    summary = f"{request.method} {route}" + (f" ({shown} patients shown)" if shown > 1 else "")
    events = [
        AuditEvent(
            actor=user,
            actor_label=user.get_username() if user is not None else "system",
            action=action,
            object_type="patients.patient",
            object_id=str(pid),
            patient_id=pid,
            summary=summary[:255],
            reason=log.what[:255],
            channel=_channel(request),
        )
        for pid in sorted(log.patients)
    ]
    AuditEvent.objects.bulk_create(events)
    return len(events)


class ReadAuditMiddleware:
    """Collects the patients a request shows and records the reads once it succeeded."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        log = ReadLog()
        token = _current.set(log)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if log.patients and 200 <= response.status_code < 300:
            write_read_events(request, log)
        return response
