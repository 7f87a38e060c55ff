from ninja import Router

from irsuite.safety.clinical_api import router as clinical_router
from irsuite.safety.workup.api import router as workup_router

router = Router(tags=["safety"])
router.add_router("", workup_router)
router.add_router("", clinical_router)
