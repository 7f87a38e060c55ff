"""`irsuite dicom-listen`: irsuite's DICOM server for the modalities (one AE title).

Verification, dose report storage (C-STORE), Modality Worklist (C-FIND) and Modality
Performed Procedure Step (N-CREATE / N-SET), from known peers only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from irsuite.interop.dicom.listener import start


class Command(BaseCommand):
    help = (
        "Serve the modalities over DICOM: verification, dose SR storage, Modality Worklist "
        "and MPPS, on one AE title."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default=None, help="address to bind (default: IRSUITE_DICOM_HOST, 127.0.0.1)"
        )
        parser.add_argument(
            "--port", type=int, default=None, help="port (default: IRSUITE_DICOM_PORT, 11112)"
        )
        parser.add_argument("--ae-title", default="IRSUITE")

    def handle(self, *args: Any, **options: Any) -> None:
        host = options["host"] or settings.DICOM_HOST
        port, title = options["port"] or settings.DICOM_PORT, options["ae_title"]
        self.stdout.write(
            f"Serving worklist, MPPS, dose storage and echo as {title} on {host}:{port} "
            "(Ctrl-C stops)"
        )
        try:
            start(host, port, title, block=True)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
