"""How often an association's DUL looks for work: briskly while the association is busy, at
pynetdicom's pace once it is idle.

pynetdicom's DUL thread polls its socket and its queue of PDUs to send, sleeping a millisecond
whenever it found nothing. An exchange of a worklist query crosses that sleep about half a
dozen times (the A-ASSOCIATE-AC, the request, the answers, the release), which is several
milliseconds of a query that needs one or two. A DUL that polls every 50 µs would answer
sooner but would keep a core busy for every association a modality leaves open. So the DUL
here polls briskly for a short while after it last had something to do, and at pynetdicom's
1 ms otherwise: a busy association is quick, an idle one costs what it always did.
"""

from __future__ import annotations

import time

from pynetdicom.association import Association
from pynetdicom.dul import DULServiceProvider
from pynetdicom.transport import RequestHandler

BRISK_SECONDS = 0.00005
IDLE_SECONDS = 0.001  # pynetdicom's own `_run_loop_delay`
BUSY_WINDOW_SECONDS = 0.05


class BriskDUL(DULServiceProvider):
    """pynetdicom's DUL, polling every `BRISK_SECONDS` until `BUSY_WINDOW_SECONDS` have passed
    since it last sent or received anything."""

    _busy_at = 0.0

    def _process_recv_primitive(self) -> bool:
        found = super()._process_recv_primitive()
        self._pace(found)
        return found

    def _is_transport_event(self) -> bool:
        found = super()._is_transport_event()
        self._pace(found)
        return found

    def _pace(self, busy: bool) -> None:
        now = time.monotonic()
        if busy:
            self._busy_at = now
        brisk = now - self._busy_at < BUSY_WINDOW_SECONDS
        self._run_loop_delay = BRISK_SECONDS if brisk else IDLE_SECONDS


class BriskRequestHandler(RequestHandler):
    """pynetdicom's handler of a new connection, whose association gets a `BriskDUL`.

    The DUL is made by the association's constructor and has not started yet: giving it the
    subclass keeps every setting the constructor and the handler gave it (timers, socket)."""

    def _create_association(self) -> Association:
        assoc = super()._create_association()
        assoc.dul.__class__ = BriskDUL
        # A new association is busy: its A-ASSOCIATE-RQ is on the way (or there already).
        assoc.dul._busy_at = time.monotonic()  # type: ignore[attr-defined]
        assoc.dul._run_loop_delay = BRISK_SECONDS
        return assoc
