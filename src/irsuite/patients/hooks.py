"""Extension points of the patient: higher areas add panels to the patient page (requests,
follow-up ...), alerts to the patient banner (anticoagulated ...), and listen for changes to
who the patient is (copies kept elsewhere, such as the DICOM worklist, follow them)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Concern:
    """When a change listener has anything to do for a patient: an SQL condition (`{patient}`
    stands for the patient row's id column, `%s` for `params`). A service that writes the
    patient's row anyway evaluates it in the same statement and, when it is false, spares the
    listener its own query (`patient_changed(..., unconcerned=...)`)."""

    sql: str
    params: tuple[object, ...] = ()


def concerning(concern: Concern) -> Callable[[ChangeHook], ChangeHook]:
    """Mark a change listener with its `Concern` (a listener without one is always called)."""

    def mark(hook: ChangeHook) -> ChangeHook:
        hook.concern = concern  # type: ignore[attr-defined]
        return hook

    return mark


def concern_of(hook: ChangeHook) -> Concern | None:
    concern = getattr(hook, "concern", None)
    return concern if isinstance(concern, Concern) else None


def patient_changed(*patient_ids: int, unconcerned: Collection[ChangeHook] = ()) -> None:
    """Tell every listener that these patients changed (the patients services call this);
    `unconcerned` are listeners whose `Concern` was found false for these patients by the
    statement that changed them."""
    for hook in CHANGE_HOOKS:
        if hook in unconcerned:
            continue
        for patient_id in patient_ids:
            hook(patient_id)


__all__ = [
    "BANNER_ALERTS",
    "CHANGE_HOOKS",
    "PATIENT_PANELS",
    "add_banner_alert",
    "Concern",
    "add_change_hook",
    "concern_of",
    "concerning",
    "patient_changed",
]
