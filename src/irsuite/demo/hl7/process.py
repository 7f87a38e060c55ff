"""Starting the demo's HL7 interfaces beside the server (`irsuite demo`)."""

from __future__ import annotations

import os
import subprocess
import sys


def start_beside_server() -> None:
    """Run `python -m irsuite.demo.hl7` in its own process, ending with this one (which
    becomes the server: `serve` replaces its process, keeping its id)."""
    command = [sys.executable, "-m", "irsuite.demo.hl7", "--parent", str(os.getpid())]
    subprocess.Popen(command, stdin=subprocess.DEVNULL)  # noqa: S603 - our own module
