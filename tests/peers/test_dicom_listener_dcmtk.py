"""Peer test: dcmtk's storescu sends every sample RDSR to irsuite's dose listener."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from irsuite.dose.models import DoseStudy
from irsuite.interop.dicom.listener import start

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "rdsr"
STORESCU = shutil.which("storescu")

pytestmark = [
    pytest.mark.peer,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        STORESCU is None, reason="dcmtk's storescu is not installed (apt-get install dcmtk)"
    ),
]


def test_storescu_sends_every_sample_and_each_study_is_stored(settings) -> None:
    settings.DICOM_PEERS = ["CATHLAB1"]
    expected = tomllib.loads((SAMPLES / "expected.toml").read_text())
    server = start("127.0.0.1", 0, "IRSUITE", block=False)
    assert server is not None
    port = server.server_address[1]
    try:
        files = [str(SAMPLES / name) for name in sorted(expected)]
        result = subprocess.run(
            [STORESCU, "-aet", "CATHLAB1", "-aec", "IRSUITE", "127.0.0.1", str(port), *files],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    finally:
        server.shutdown()
    # Multi-1/2/3 share one study: 11 files, 9 studies.
    assert DoseStudy.objects.count() == 9
    multi = DoseStudy.objects.get(dlp_mgycm__gt=236, dlp_mgycm__lt=237)
    assert multi.event_count == 3
    assert sum(s.event_count for s in DoseStudy.objects.all()) == sum(
        v["events"] for k, v in expected.items() if "Multi-1" not in k and "Multi-2" not in k
    )
