"""The REST API at /api/v1 (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from irsuite.apiutil import AUTH
from irsuite.cases.api import router as cases_router
from irsuite.dose.api import router as dose_router
from irsuite.errors import ServiceError
from irsuite.outcomes.api import router as outcomes_router
from irsuite.patients.api import router as patients_router
from irsuite.people.access import public
from irsuite.people.api import router as people_router
from irsuite.safety.api import router as safety_router
from irsuite.scheduling.api import router as scheduling_router

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="irsuite API",
    version="1",
    description="The interventional radiology case record: catalogue, patients, requests, "
    "procedures, staff, rooms, and the areas built on them. Authenticate with "
    "`Authorization: Bearer <token>` (issue one with `irsuite token NAME`).",
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def error(request: HttpRequest, status: int, message: str, detail: object = None) -> HttpResponse:
    return api.create_response(request, {"error": message, "detail": detail}, status=status)


@api.exception_handler(ServiceError)
def on_service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return error(request, exc.status_code, exc.message, exc.detail)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields = []
    for item in exc.errors:
        where = ".".join(str(p) for p in item.get("loc", []) if p not in ("body", "query", "path"))
        fields.append({"field": where, "message": item.get("msg", "invalid")})
    summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
    return error(request, 422, f"The request is not valid: {summary}", fields)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = getattr(request, "irsuite_auth_error", None) or (
        "Authentication required: send `Authorization: Bearer <token>` "
        "(issue one with `irsuite token NAME`) or log in."
    )
    return error(request, 401, message)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error(request, 403, str(exc) or "Your role does not allow this.")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, str(exc) or "Not found.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error(request, exc.status_code, str(exc))


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error(request, 413, "The request body is too large.")


def _unavailable_because() -> str | None:
    """Why the server cannot serve requests (database, migrations), or None when it can."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        log.exception("health: the database did not answer")
        return "database unreachable"
    try:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return "migrations not applied"
    except Exception:
        log.exception("health: the migrations could not be checked")
        return "database unreachable"
    return None


@api.get("/health", auth=None, tags=["health"], response={200: dict[str, str], 503: dict[str, str]})
@public("a readiness check for load balancers: it answers only whether the server can serve")
def health(request: HttpRequest) -> tuple[int, dict[str, str]]:
    """Readiness check: the database answers and every migration is applied (no login)."""
    problem = _unavailable_because()
    if problem is None:
        return 200, {"status": "ok"}
    return 503, {"status": "unavailable", "detail": problem}


api.add_router("/", people_router)
api.add_router("/", patients_router)
api.add_router("/", cases_router)
api.add_router("/", safety_router)
api.add_router("/", dose_router)
api.add_router("/", outcomes_router)
api.add_router("/", scheduling_router)
