"""API of the dose app: its features' routers under one."""

from ninja import Router

from irsuite.dose.alerts.api import router as alerts_router
from irsuite.dose.studies.api import router as studies_router

router = Router()
router.add_router("", studies_router)
router.add_router("", alerts_router)
