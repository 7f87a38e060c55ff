"""Admin registrations of the safety area (each feature keeps its own module)."""

from irsuite.safety import clinical_admin  # noqa: F401
