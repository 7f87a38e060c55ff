"""Starting the demo's DICOM server beside the web server (`irsuite demo`)."""

from __future__ import annotations

import os
import subprocess
import sys


def start_beside_server() -> None:
    """Run `python -m irsuite.demo.dicom` in its own process, ending with this one (which
    becomes the server: `serve` replaces its process, keeping its id)."""
    command = [sys.executable, "-m", "irsuite.demo.dicom", "--parent", str(os.getpid())]
    subprocess.Popen(command, stdin=subprocess.DEVNULL)  # noqa: S603 - our own module
