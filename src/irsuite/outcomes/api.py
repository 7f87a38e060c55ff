"""API of the outcomes app: quality indicators, adverse events, follow-up due lists, IVC filters,
case logs (each feature's router, mounted at the API root)."""

from ninja import Router

from irsuite.outcomes.adverse_events.api import router as adverse_events_router
from irsuite.outcomes.caselog.api import router as caselog_router
from irsuite.outcomes.devices.api import router as devices_router
from irsuite.outcomes.followup.api import router as followup_router
from irsuite.outcomes.quality.api import router as quality_router

router = Router(tags=["outcomes"])
router.add_router("", quality_router)
router.add_router("", adverse_events_router)
router.add_router("", followup_router)
router.add_router("", devices_router)
router.add_router("", caselog_router)
