"""API of the case record: the catalogue, requests and procedures routers under one tag."""

from __future__ import annotations

from ninja import Router

from irsuite.cases.catalogue.api import router as catalogue_router
from irsuite.cases.procedures.api import router as procedures_router
from irsuite.cases.requests.api import router as requests_router
from irsuite.cases.research.api import router as research_router

router = Router()
router.add_router("/", catalogue_router)
router.add_router("/", requests_router)
router.add_router("/", procedures_router)
router.add_router("/", research_router)
