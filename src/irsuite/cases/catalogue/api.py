"""API: the procedure catalogue.

Operation ids are part of the published API (clients generate code from them): each route
names its own, kept as it was when all case routes lived in one module."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from irsuite.apiutil import page
from irsuite.bounds import Limit, Offset
from irsuite.cases.catalogue.queries import active_entries
from irsuite.cases.catalogue.schemas import CatalogueOut, CataloguePage, catalogue_out
from irsuite.cases.requests.services import catalogue_entry
from irsuite.people.access import allow
from irsuite.people.roles import Capability as C

router = Router(tags=["cases"])


@router.get("/catalogue", response=CataloguePage, operation_id="irsuite_cases_api_list_catalogue")
@allow(C.VIEW_CATALOGUE)
def list_catalogue(
    request: HttpRequest,
    family: str | None = None,
    q: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> CataloguePage:
    items, count = page(active_entries(family=family, text=q), limit, offset)
    return CataloguePage(items=[catalogue_out(e) for e in items], count=count)


@router.get(
    "/catalogue/{code}",
    response=CatalogueOut,
    operation_id="irsuite_cases_api_get_catalogue_entry",
)
@allow(C.VIEW_CATALOGUE)
def get_catalogue_entry(request: HttpRequest, code: str) -> CatalogueOut:
    return catalogue_out(catalogue_entry(code))
