"""`irsuite dicom-listen`: receive dose reports from modalities over DICOM (C-STORE SCP)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from irsuite.dose.importing.listener import start


class Command(BaseCommand):
    help = "Listen for X-Ray Radiation Dose SRs (C-STORE) and verification (C-ECHO)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default=None, help="address to bind (default: IRSUITE_DICOM_HOST, 127.0.0.1)"
        )
        parser.add_argument("--port", type=int, default=11112)
        parser.add_argument("--ae-title", default="IRSUITE")

    def handle(self, *args: Any, **options: Any) -> None:
        host = options["host"] or settings.DICOM_HOST
        port, title = options["port"], options["ae_title"]
        self.stdout.write(f"Listening for dose reports as {title} on {host}:{port} (Ctrl-C stops)")
        try:
            start(host, port, title, block=True)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
