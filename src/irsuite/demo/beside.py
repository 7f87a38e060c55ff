"""The demo's interfaces beside the web server (`irsuite demo`): each runs in a process of its
own (`python -m irsuite.demo.hl7`, `python -m irsuite.demo.dicom`) that ends with the server."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys


def start_beside_server(module: str) -> None:
    """Run `python -m MODULE --parent PID` in its own process, ending with this one (which
    becomes the server: `serve` replaces its process, keeping its id)."""
    command = [sys.executable, "-m", module, "--parent", str(os.getpid())]
    subprocess.Popen(command, stdin=subprocess.DEVNULL)  # noqa: S603 - our own modules


def child(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """In the started process: its arguments read, Django set up, and its end tied to the
    server's (`--parent`)."""
    parser.add_argument("--parent", type=int, default=None)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irsuite.settings")
    import django

    django.setup()
    from irsuite.processes import die_with_parent

    if args.parent:
        die_with_parent(args.parent)
    return args
