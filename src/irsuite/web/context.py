"""Template context shared by every page: the user's role and the navigation they may use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from irsuite.people.access import capabilities, role_of, staff_of
from irsuite.people.roles import Capability as C

# (label, url name, capabilities any of which shows the link)
NAVIGATION: list[tuple[str, str, tuple[C, ...]]] = [
    ("Home", "web:home", ()),
    ("Worklist", "cases:worklist", (C.VIEW_WORKLIST,)),
    ("Requests", "cases:requests", (C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)),
    ("New request", "cases:request_new", (C.CREATE_REQUEST,)),
    ("Patients", "patients:search", (C.VIEW_PATIENTS,)),
    ("Calendar", "scheduling:index", (C.SCHEDULE,)),
    ("On call", "scheduling:oncall", (C.VIEW_ROSTER,)),
    ("Dose", "dose:index", (C.VIEW_DOSE, C.MANAGE_DOSE)),
    ("Follow-up", "outcomes:followup", (C.RECORD_OUTCOME,)),
    ("IVC filters", "outcomes:ivc_filters", (C.RECORD_OUTCOME, C.VIEW_QUALITY)),
    ("Quality", "outcomes:quality", (C.VIEW_QUALITY,)),
    ("M&M", "outcomes:mm", (C.PEER_REVIEW,)),
    ("Credentialing", "outcomes:credentialing", (C.VIEW_CREDENTIALING, C.REVIEW_CREDENTIALING)),
    ("Case log", "outcomes:caselog", (C.VIEW_CASELOG,)),
    ("Catalogue", "cases:catalogue", (C.VIEW_CATALOGUE,)),
    ("Audit", "audit:log", (C.VIEW_AUDIT,)),
    ("Admin", "admin:index", (C.ADMINISTER,)),
]


def nav_links(request: HttpRequest) -> list[dict[str, Any]]:
    held = capabilities(request.user)
    links = []
    for label, name, needed in NAVIGATION:
        if needed and not any(c in held for c in needed):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # an area that is not installed shows no link
        links.append({"label": label, "url": url, "active": request.path == url})
    return links


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    return {
        "nav_links": nav_links(request),
        "me": staff_of(request.user),
        "my_role": role_of(request.user),
    }
