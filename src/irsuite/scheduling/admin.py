"""Admin registrations of the scheduling app: each feature registers its own models."""

from irsuite.scheduling.autoschedule import admin as autoschedule_admin  # noqa: F401
from irsuite.scheduling.booking import admin as booking_admin  # noqa: F401
from irsuite.scheduling.leave import admin as leave_admin  # noqa: F401
from irsuite.scheduling.roster import admin as roster_admin  # noqa: F401
