"""The whole surface, generated: every page route from the URL resolver, every API operation
from the API's routers, each with its declared access and a URL filled with sample values."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from irsuite.people.access import Access, access_of

FIXTURES = Path(__file__).parent / "fixtures"
MISSING_ID = 2_000_000_000  # a valid id that no row has

# Sample values for path parameters that are not ids, by parameter name.
SAMPLES: dict[str, object] = {
    "year": 2026,
    "month": 12,
    "day": "2026-12-07",
    "site": "sbh",
    "kind": "room",
    "action": "accept",
    "code": "PCN",
    "fmt": "csv",
    "status": "vetted",
    "task_uuid": "00000000-0000-4000-8000-000000000000",  # a background task that does not exist
    "export_uuid": "00000000-0000-4000-8000-000000000000",
}


@dataclass(frozen=True)
class Route:
    """One door: a page route or an API operation, with its declaration."""

    kind: str  # "page" or "api"
    pattern: str
    methods: tuple[str, ...]
    view: Callable[..., Any]
    name: str

    @property
    def access(self) -> Access | None:
        return access_of(self.view)

    @property
    def params(self) -> list[str]:
        return [p.split(":")[-1] for p in re.findall(r"[<{]([^>}]+)[>}]", self.pattern)]

    def url(self, values: dict[str, object] | None = None) -> str:
        """The route's URL with each parameter from `values`, else a sample, else MISSING_ID."""
        chosen = values or {}

        def fill(match: re.Match[str]) -> str:
            name = match.group(1).split(":")[-1]
            return str(chosen.get(name, SAMPLES.get(name, MISSING_ID)))

        return "/" + re.sub(r"[<{]([^>}]+)[>}]", fill, self.pattern).lstrip("/")

    def __str__(self) -> str:
        return f"{'/'.join(self.methods)} {self.pattern} ({self.name})"


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def page_routes() -> list[Route]:
    """Every page route (the admin and the API are walked separately)."""
    routes = []
    for pattern, entry in _walk(get_resolver().url_patterns):
        if pattern.startswith(("admin/", "api/", "static/", "media/")):
            continue
        routes.append(Route("page", pattern, ("GET", "POST"), entry.callback, entry.name or ""))
    return routes


def api_routes() -> list[Route]:
    """Every API operation, with the path the OpenAPI schema gives it."""
    from irsuite.api import api

    routes: list[Route] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for bound in api._get_bound_routers():  # every router, nested ones with their full prefix
        for path, path_view in bound.template.path_operations.items():
            for operation in path_view.operations:
                _add(routes, seen, f"{bound.prefix}/{path}", operation)
    return routes


def _add(routes: list[Route], seen: set[tuple[str, tuple[str, ...]]], path: str, op: Any) -> None:
    full = "/api/v1/" + "/".join(segment for segment in path.split("/") if segment)
    key = (full, tuple(op.methods))
    if key in seen:
        return
    seen.add(key)
    name = op.operation_id or op.view_func.__name__
    routes.append(Route("api", full, tuple(op.methods), op.view_func, name))


def case_ids(route: Route, case: Any) -> dict[str, object]:
    """The ids of one case (a procedure) for this route's parameters (others keep samples)."""
    request, patient = case.request, case.request.patient
    by_name: dict[str, object] = {
        "request_id": request.pk,
        "procedure_id": case.pk,
        "patient_id": patient.pk,
    }
    text = f"{route.pattern} {route.name}"
    if "request" in text and "procedure" not in route.pattern:
        by_name["pk"] = request.pk
    elif "procedure" in text:
        by_name["pk"] = case.pk
    elif "patient" in text:
        by_name["pk"] = patient.pk
    return by_name
