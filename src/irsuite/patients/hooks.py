"""Extension points of the patient's pages: higher areas add panels to the patient page
(requests, follow-up ...) and alerts to the patient banner (anticoagulated ...)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from irsuite.panels import Panel

if TYPE_CHECKING:
    from irsuite.patients.models import Patient

PATIENT_PANELS: list[Panel] = []

# `fn(patient) -> list of alert words` (e.g. "Anticoagulated: warfarin"), shown on the banner.
BannerAlert = Callable[["Patient"], list[str]]
BANNER_ALERTS: list[BannerAlert] = []


def add_banner_alert(alert: BannerAlert) -> None:
    """Register a source of banner alerts once (from an AppConfig.ready())."""
    if alert not in BANNER_ALERTS:
        BANNER_ALERTS.append(alert)


__all__ = ["BANNER_ALERTS", "PATIENT_PANELS", "add_banner_alert"]
