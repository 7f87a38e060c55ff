"""Rooms' availability and bookings; on-call rosters."""

from irsuite.scheduling.roster_models import *  # noqa: F401,F403
