"""Extension points of the patient page: higher areas add panels (requests, follow-up ...)."""

from __future__ import annotations

from irsuite.panels import Panel

PATIENT_PANELS: list[Panel] = []

__all__ = ["PATIENT_PANELS"]
