"""The dose app's use cases (the only code that writes dose records)."""

from irsuite.dose.services_alerts import advance_alert, evaluate_alerts, send_alert_email
from irsuite.dose.services_import import (
    ImportOutcome,
    ImportStatus,
    discard,
    import_rdsr,
    quarantine,
    reprocess,
    store_parsed,
)
from irsuite.dose.services_linking import auto_link, link_by_hand

__all__ = [
    "ImportOutcome",
    "ImportStatus",
    "advance_alert",
    "auto_link",
    "discard",
    "evaluate_alerts",
    "import_rdsr",
    "link_by_hand",
    "quarantine",
    "reprocess",
    "send_alert_email",
    "store_parsed",
]
