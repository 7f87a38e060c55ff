"""Admin registrations of the safety area: each feature registers its own models."""

from irsuite.safety.checklist import admin as checklist_admin  # noqa: F401
from irsuite.safety.consent import admin as consent_admin  # noqa: F401
from irsuite.safety.report import admin as report_admin  # noqa: F401
from irsuite.safety.sedation import admin as sedation_admin  # noqa: F401
