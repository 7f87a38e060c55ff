"""Peer test: python-hl7's own client (`mllp_send`) sends the samples to irsuite's listener."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from irsuite.interop.hl7.listener import Running
from irsuite.interop.hl7.models import InboxMessage
from irsuite.interop.hl7.peers.services import add_peer, forget_peers
from irsuite.patients.models import Patient

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "hl7"
MLLP_SEND = shutil.which("mllp_send") or str(Path(sys.executable).parent / "mllp_send")

pytestmark = [
    pytest.mark.peer,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(MLLP_SEND).exists(), reason="python-hl7's mllp_send is absent"),
]


def test_mllp_send_delivers_a_file_of_messages_and_prints_each_ack(site, catalogue):
    add_peer(by=None, name="ehr", application="EHR", facility="SBH", site_code=site.code)
    forget_peers()
    running = Running("127.0.0.1", 0)
    try:
        result = subprocess.run(
            [MLLP_SEND, "--file", str(SAMPLES / "day_of_adt.hl7"), "--loose",
             "--port", str(running.port), "127.0.0.1"],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    finally:
        running.stop()
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("MSA|AA|") == 3
    assert InboxMessage.objects.count() == 3
    assert Patient.objects.count() == 2
