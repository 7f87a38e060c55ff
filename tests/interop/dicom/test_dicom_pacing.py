"""An association's DUL polls briskly while it is busy and at pynetdicom's pace once idle, so
a query is answered sooner and an association left open costs what it always did."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from pynetdicom import AE
from pynetdicom.sop_class import Verification

from irsuite.interop.dicom import pacing
from irsuite.interop.dicom.listener import start

pytestmark = pytest.mark.django_db(transaction=True)


def _eventually(condition: Callable[[], bool], within: float = 10.0) -> bool:
    """Whether `condition` holds at some point within `within` seconds (no timing asserted:
    a loaded machine only makes it hold later)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _dul(monkeypatch: pytest.MonkeyPatch, clock: _Clock) -> pacing.BriskDUL:
    monkeypatch.setattr(pacing.time, "monotonic", clock)
    dul = pacing.BriskDUL.__new__(pacing.BriskDUL)  # only its pacing is exercised here
    dul._busy_at = clock.now
    return dul


def test_a_dul_that_just_worked_polls_briskly(monkeypatch):
    clock = _Clock()
    dul = _dul(monkeypatch, clock)
    clock.now += pacing.BUSY_WINDOW_SECONDS / 2
    dul._pace(busy=False)
    assert dul._run_loop_delay == pacing.BRISK_SECONDS


def test_a_dul_idle_for_longer_than_the_window_polls_at_pynetdicoms_pace(monkeypatch):
    clock = _Clock()
    dul = _dul(monkeypatch, clock)
    clock.now += pacing.BUSY_WINDOW_SECONDS * 2
    dul._pace(busy=False)
    assert dul._run_loop_delay == pacing.IDLE_SECONDS
    dul._pace(busy=True)  # a PDU arrives: brisk again
    assert dul._run_loop_delay == pacing.BRISK_SECONDS


def test_the_servers_associations_get_the_brisk_dul(room):
    running = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert running is not None
    try:
        scu = AE(ae_title=room.ae_title)
        scu.add_requested_context(Verification)
        assoc = scu.associate("127.0.0.1", running.server_address[1], ae_title="IRSUITE")
        assert assoc.is_established
        [served] = running.active_associations
        assert isinstance(served.dul, pacing.BriskDUL)
        assert assoc.send_c_echo().Status == 0x0000
        # Left open and idle, the association goes back to pynetdicom's pace (the wrapped
        # methods are still the ones pynetdicom's loop calls).
        assert _eventually(lambda: served.dul._run_loop_delay == pacing.IDLE_SECONDS)
        assoc.release()
    finally:
        running.shutdown()
