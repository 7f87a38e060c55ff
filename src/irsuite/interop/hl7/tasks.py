"""Background sending of the outbox (Django's tasks API; `irsuite worker` runs them)."""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import default_task_backend, task

from irsuite.interop.hl7.outbound import services

log = logging.getLogger(__name__)


@task()
def send_outbox(peer_id: int) -> int:
    """Send a peer's due outbound messages; the number it accepted."""
    return services.send_pending(peer_id)


def enqueue(peer_id: int, run_after: dt.datetime | None) -> None:
    """Ask for a send now, or at `run_after` when the backend can defer (else the next change
    or the resend button asks again)."""
    try:
        if run_after is None:
            send_outbox.enqueue(peer_id)
        elif default_task_backend.supports_defer:
            send_outbox.using(run_after=run_after).enqueue(peer_id)
    except Exception:  # the change is committed and its message kept; sending can wait
        log.exception("could not queue the HL7 send")
