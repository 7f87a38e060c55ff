"""API of the scheduling app: its features' routers under one."""

from ninja import Router

from irsuite.scheduling.autoschedule.api import router as autoschedule_router
from irsuite.scheduling.booking.api import router as booking_router
from irsuite.scheduling.roster.api import router as roster_router
from irsuite.scheduling.swaps.api import router as swaps_router

router = Router(tags=["scheduling"])
router.add_router("/scheduling", booking_router)
router.add_router("/scheduling", autoschedule_router)
router.add_router("", roster_router)
router.add_router("", swaps_router)
