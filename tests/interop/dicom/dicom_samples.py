"""The dose tests' sample RDSR files, for the DICOM server's tests."""

from __future__ import annotations

import sys
from pathlib import Path

DOSE_TESTS = str(Path(__file__).resolve().parents[2] / "dose")
if DOSE_TESTS not in sys.path:
    sys.path.append(DOSE_TESTS)

from dose_samples import SAMPLES, altered  # noqa: E402

__all__ = ["SAMPLES", "altered"]
