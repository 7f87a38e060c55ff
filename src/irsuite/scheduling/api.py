from ninja import Router

from irsuite.scheduling.booking.api import router as booking_router
from irsuite.scheduling.roster.api import router as roster_router

router = Router(tags=["scheduling"])
router.add_router("/scheduling", booking_router)
router.add_router("", roster_router)
