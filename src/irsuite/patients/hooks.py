"""Extension points of the patient: higher areas add panels to the patient page (requests,
follow-up ...), alerts to the patient banner (anticoagulated ...), and listen for changes to
who the patient is (copies kept elsewhere, such as the DICOM worklist, follow them)."""

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


# `fn(patient_id)`: called inside the transaction of every change to a patient's names, date
# of birth, sex, allergies, pregnancy status or identifiers, and of a merge or its undoing
# (once for each of the two records), after the change is written.
ChangeHook = Callable[[int], None]
CHANGE_HOOKS: list[ChangeHook] = []


def add_change_hook(hook: ChangeHook) -> None:
    """Register a listener for changes to a patient once (from an AppConfig.ready())."""
    if hook not in CHANGE_HOOKS:
        CHANGE_HOOKS.append(hook)


def patient_changed(*patient_ids: int) -> None:
    """Tell every listener that these patients changed (the patients services call this)."""
    for hook in CHANGE_HOOKS:
        for patient_id in patient_ids:
            hook(patient_id)


__all__ = [
    "BANNER_ALERTS",
    "CHANGE_HOOKS",
    "PATIENT_PANELS",
    "add_banner_alert",
    "add_change_hook",
    "patient_changed",
]
