"""Template context shared by every page: the user's role and the navigation they may use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from irsuite.people.access import capabilities, role_of, staff_of
from irsuite.people.roles import Capability as C

# Menus grouped by the work they serve, so the bar holds a handful of words at any width:
# (group label, [(label, url name, capabilities any of which shows the link)]). A group the
# user reaches through one link only shows as that link.
NAVIGATION: list[tuple[str, list[tuple[str, str, tuple[C, ...]]]]] = [
    ("Home", [("Home", "web:home", ())]),
    (
        "Cases",
        [
            ("Worklist", "cases:worklist", (C.VIEW_WORKLIST,)),
            ("Requests", "cases:requests", (C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)),
            ("New request", "cases:request_new", (C.CREATE_REQUEST,)),
            ("Result notices", "cases:notices", (C.VIEW_OWN_REQUESTS,)),
            ("Patients", "patients:search", (C.VIEW_PATIENTS,)),
            ("Modality worklist", "interop:dicom", (C.VIEW_WORKLIST,)),
            ("Catalogue", "cases:catalogue", (C.VIEW_CATALOGUE,)),
        ],
    ),
    (
        "Schedule",
        [
            ("Calendar", "scheduling:index", (C.SCHEDULE,)),
            ("On call", "scheduling:oncall", (C.VIEW_ROSTER,)),
        ],
    ),
    ("Dose", [("Dose", "dose:index", (C.VIEW_DOSE, C.MANAGE_DOSE))]),
    (
        "Outcomes",
        [
            ("Follow-up", "outcomes:followup", (C.RECORD_OUTCOME,)),
            ("IVC filters", "outcomes:ivc_filters", (C.RECORD_OUTCOME, C.VIEW_QUALITY)),
            ("Case log", "outcomes:caselog", (C.VIEW_CASELOG,)),
        ],
    ),
    (
        "Quality",
        [
            ("Quality", "outcomes:quality", (C.VIEW_QUALITY,)),
            ("M&M", "outcomes:mm", (C.PEER_REVIEW,)),
            (
                "Credentialing",
                "outcomes:credentialing",
                (C.VIEW_CREDENTIALING, C.REVIEW_CREDENTIALING),
            ),
        ],
    ),
    (
        "System",
        [
            ("Audit", "audit:log", (C.VIEW_AUDIT,)),
            ("Admin", "admin:index", (C.ADMINISTER,)),
            ("Failed tasks", "web:tasks_failed", (C.ADMINISTER,)),
            ("HL7 interfaces", "interop:hl7", (C.INTEGRATION,)),
        ],
    ),
]


def _links(request: HttpRequest, entries: list[tuple[str, str, tuple[C, ...]]]) -> list[Any]:
    held = capabilities(request.user)
    links = []
    for label, name, needed in entries:
        if needed and not any(c in held for c in needed):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # an area that is not installed shows no link
        links.append({"label": label, "url": url, "active": request.path == url})
    return links


def nav_links(request: HttpRequest) -> list[dict[str, Any]]:
    """Every link the user may follow, flat (in menu order)."""
    return [link for group in nav_groups(request) for link in group["links"]]


def nav_groups(request: HttpRequest) -> list[dict[str, Any]]:
    """The menus the user may open, each with its links; empty menus are left out."""
    groups = []
    for label, entries in NAVIGATION:
        links = _links(request, entries)
        if links:
            active = any(link["active"] for link in links)
            groups.append({"label": label, "links": links, "active": active})
    return groups


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    return {
        "nav_groups": nav_groups(request),
        "nav_links": nav_links(request),
        "me": staff_of(request.user),
        "my_role": role_of(request.user),
    }
