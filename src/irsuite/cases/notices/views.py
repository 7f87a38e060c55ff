"""Pages: the user's notices (results ready), and marking one read."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from irsuite.cases.notices import services
from irsuite.errors import NotFound
from irsuite.people.access import logged_in


@logged_in
def notices(request: HttpRequest) -> HttpResponse:
    """Your notices, unread first marked."""
    return render(request, "cases/notices.html", {"notices": services.notices_of(request.user)})


@require_POST
@logged_in
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a notice read and open what it is about."""
    try:
        notice = services.mark_read(pk, by=request.user)
    except NotFound as missing:
        raise Http404(missing.message) from None
    procedure = getattr(notice.request, "procedure", None)
    if procedure is not None:
        return redirect("safety:report", procedure.pk)
    return redirect("cases:request", notice.request_id)
