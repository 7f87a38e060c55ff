"""Solving a roster period in the background while the web page shows its progress.

The progress lines are kept in the period's ``result`` (``{"running": true, "progress": [...]}``)
until the solve ends and replaces them with the outcome. Set ``IRSUITE_ROSTER_INLINE = True``
in the settings to solve within the request instead (the tests do).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connection, transaction

from irsuite.errors import Conflict, ServiceError
from irsuite.scheduling.roster.models import PeriodStatus, RosterPeriod
from irsuite.scheduling.roster.services import Actor, solve_period

log = logging.getLogger(__name__)


# A solve marked as running for longer than its limit plus this is taken as lost (a restart).
GRACE_SECONDS = 120.0


def is_running(period: RosterPeriod) -> bool:
    """Whether a solve of ``period`` is under way."""
    result = period.result
    if not result.get("running"):
        return False
    deadline = float(result.get("started", 0)) + float(result.get("limit", 0)) + GRACE_SECONDS
    return time.time() < deadline


def _marker(lines: list[str], limit: float, started: float) -> dict[str, object]:
    return {"running": True, "started": started, "limit": limit, "progress": lines}


def _writer(pk: int, limit: float) -> Callable[[str], None]:
    began, started, lines = time.monotonic(), time.time(), ["starting"]

    def say(message: str) -> None:
        lines.append(f"{time.monotonic() - began:5.1f} s  {message}")
        RosterPeriod.objects.filter(pk=pk).update(result=_marker(lines, limit, started))

    return say


def _run(pk: int, by: Actor, time_limit: float) -> None:
    close_old_connections()
    say = _writer(pk, time_limit)
    try:
        period = RosterPeriod.objects.get(pk=pk)
        solve_period(period, by, time_limit=time_limit, progress=say)
    except ServiceError as exc:
        RosterPeriod.objects.filter(pk=pk).update(
            result={"status": "error", "conflicts": [exc.message]}
        )
    except Exception:  # a crash must not leave the period marked as running
        log.exception("roster solve failed")
        text = "The solve stopped on an internal error; see the server log and try again."
        RosterPeriod.objects.filter(pk=pk).update(result={"status": "error", "conflicts": [text]})
    finally:
        connection.close()


def start_solving(period: RosterPeriod, by: Actor, time_limit: float) -> None:
    """Start solving a draft period; the page follows it through :func:`is_running`."""
    if period.status != PeriodStatus.DRAFT:
        raise Conflict("This roster is published; create a new period to re-solve.")
    if is_running(period):
        raise Conflict("This roster is being solved already; wait for it to finish.")
    period.result = _marker(["starting"], time_limit, time.time())
    period.save(update_fields=["result"])
    if getattr(settings, "IRSUITE_ROSTER_INLINE", False):
        _run_inline(period.pk, by, time_limit)
        return
    worker = threading.Thread(
        target=_run, args=(period.pk, by, time_limit), name=f"roster-{period.pk}", daemon=True
    )
    transaction.on_commit(worker.start)


def _run_inline(pk: int, by: Actor, time_limit: float) -> None:
    say = _writer(pk, time_limit)
    try:
        solve_period(RosterPeriod.objects.get(pk=pk), by, time_limit=time_limit, progress=say)
    except ServiceError as exc:
        RosterPeriod.objects.filter(pk=pk).update(
            result={"status": "error", "conflicts": [exc.message]}
        )
