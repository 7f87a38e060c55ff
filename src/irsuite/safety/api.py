"""The safety area's API: each feature's router under one tag."""

from ninja import Router

from irsuite.safety.checklist.api import router as checklist_router
from irsuite.safety.consent.api import router as consent_router
from irsuite.safety.report.api import router as report_router
from irsuite.safety.workup.api import router as workup_router

router = Router(tags=["safety"])
router.add_router("", workup_router)
router.add_router("", consent_router)
router.add_router("", checklist_router)
router.add_router("", report_router)
