"""The dose app's use cases (the only code that writes dose records)."""

from irsuite.dose.alerts.services import advance_alert, evaluate_alerts, send_alert_email
from irsuite.dose.importing.linking import auto_link, link_by_hand
from irsuite.dose.importing.services import (
    ImportOutcome,
    ImportStatus,
    discard,
    import_rdsr,
    quarantine,
    reprocess,
    store_parsed,
)

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
